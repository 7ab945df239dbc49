"""Declarations: the indicator catalogue, consistency-check rules and the gazetteer of China's divisions,
each declared once in a data file beside its loader.
"""
