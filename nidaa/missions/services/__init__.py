"""Writes on missions, one module per concept: the mission (``mission``),
deliverables and instalments (``deliverables``), the workshop plan (``plan``),
participants (``participants``) and attendance (``attendance``).

Every function takes keyword-only arguments, runs in one transaction and
writes the audit trail; imports check every row first and store nothing when
one is wrong, so a file is imported whole or not at all.
"""
