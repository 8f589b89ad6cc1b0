"""HTML: decoding pages, reading ruby and inline annotations from them, writing ruby."""
