"""Corpus work: loading files of any format, walking trees, the pipeline and its workers."""
