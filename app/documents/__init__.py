"""Files in and out: roster spreadsheets read, PDFs and XLSX written. Takes plain values; never
queries the store itself."""
