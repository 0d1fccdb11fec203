"""Answer sheets to print, and `quizgen grade`: read the scanned sheets, score them against the key, write the results.

The package reads top-down, with no import circle:

- `key`: SLUG-key.json, what each version prints and expects (made from a `Handout`, read back and checked);
- `sheet`: where every marker, bubble and text is on a version's sheet, a pure function of the key;
- `render`: the sheets as a PDF (typst) and the files `quizgen handout --answer-sheet` writes;
- `scan`: pages of PDF and image scans, each found by its QR code and corner markers, its bubbles measured;
- `marks`: each bubble filled, empty or doubtful, each question read and scored (with `quizgen.scoring`);
- `results`: the pages gathered per student, and results.csv, results.json, name boxes and checking images.
"""
