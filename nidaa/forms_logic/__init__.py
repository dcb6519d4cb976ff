"""The questionnaires' logic, without Django: XLSForm reading (through
pyxform), the XLSForm expression subset (``relevant``, ``constraint``,
``required``, ``calculation``) and scoring."""
