"""Demo and benchmark data: Vietnamese name lists, the Khánh Hòa demo builder, shared structures."""
