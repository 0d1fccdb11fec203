"""Answer sheets to print, and `quizgen grade`: read the scanned sheets, score them against the key, write the results."""
