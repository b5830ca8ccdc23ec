"""What users read: rich tables, JSON, CSV, Markdown and HTML, labels in zh or en.

One module per command (cleaned, outline, comparison, series, trends, evaluation);
``tabular`` turns any command's rows into CSV or Markdown, ``html`` the follow-through
report into a self-contained page, ``labels`` picks the language.
"""
