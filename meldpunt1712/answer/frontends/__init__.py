"""Front ends: a document (a text, a PDF) into the lines and words every part of the reader reads."""
