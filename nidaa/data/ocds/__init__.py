"""OCDS 1.1 schemas (data files; see README.txt)."""
