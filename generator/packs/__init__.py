"""Printed case packs: selection -> booklet HTML -> PDF (WeasyPrint), for trainers and for the site."""
