"""The op table's spellings (``ops.SPELLINGS``) read back: as the symbols of a chain-rule line, or as code."""
