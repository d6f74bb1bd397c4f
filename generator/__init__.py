"""职教兴农案例库 generator: cases/ -> checked model -> indexes -> site, packs, exports."""
