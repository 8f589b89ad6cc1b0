"""Checking annotations against the characters: spelling, readings in a word, fixes."""
