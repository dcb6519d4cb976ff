"""Spreadsheets as organisations keep them — plain Python, no Django.

``reader`` turns .xlsx/.csv bytes into rows that keep their Excel row numbers
(title rows above the header, blank rows, merged cells filled), under a size
and row budget; ``columns`` finds the header row and maps its cells to fields
by synonyms in French, Arabic and English; ``values`` reads sex, presence,
yes/no, phone numbers, dates and times as people type them; ``participants``
turns a table into participant records, row errors and duplicates.
"""
