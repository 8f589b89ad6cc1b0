"""Text writers and readers of the document model: canonical markup, plain text and JSON."""
