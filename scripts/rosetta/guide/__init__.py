"""The interactive decision guide of the "Which framework?" page: its data, its ranking and its HTML."""
