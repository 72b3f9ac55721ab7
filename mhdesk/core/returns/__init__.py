"""Mission returns: the workbook contract, templates out, filled workbooks in."""
