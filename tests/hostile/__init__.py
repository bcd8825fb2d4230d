"""Hostile input for the tests, built in memory at test time (no binary files in the repository).

``files`` makes hostile uploads (zip bombs, XML attacks, odd PDFs, wrong extensions, polyglots);
``strings`` lists hostile text (script, template and SQL injection, Unicode tricks, search
syntax, spreadsheet formulas).
"""
