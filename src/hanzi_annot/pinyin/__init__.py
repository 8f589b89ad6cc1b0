"""Pinyin itself, with no document model: syllables, segmentation, alignment, zhuyin and readings.

The bottom layer above character data. ``readings`` is the only module that imports
pypinyin.
"""
