"""Reading text input: decoding, cleaning scraped pages, inline annotations and structure."""
