"""The author cache (make serve): results are reused until what determines them changes."""

import re

from support import why_it_failed


def drawn(project, site: str) -> str:
    """The number the demo snippet printed, as its page shows it (the code comes first, then the output)."""
    return (project.root / site / "index.html").read_text().split("a fresh run draws", 2)[2].split("<")[0]


def test_the_author_cache_reuses_results_until_the_code_changes(project, tmp_path):
    project.add_snippet("counter_pytorch.py", "import random\nprint('a fresh run draws', random.random())\n")
    project.add_page("snippets/demo/counter_pytorch.py")
    cache = tmp_path / "cache"
    first = project.build("site1", cache)
    (project.root / "docs" / "index.md").write_text((project.root / "docs" / "index.md").read_text() + "\nA prose edit.\n")
    second = project.build("site2", cache)
    assert first.returncode == second.returncode == 0, why_it_failed(first) + why_it_failed(second)
    assert "(cached)" not in first.stderr and "counter_pytorch.py  (cached)" in why_it_failed(first) + why_it_failed(second)
    assert drawn(project, "site1") == drawn(project, "site2"), "a cached block shows the output of the run it cached"

    project.add_snippet("counter_pytorch.py", "import random\nprint('a fresh run draws', random.random(), 'now')\n")
    third = project.build("site3", cache)
    assert third.returncode == 0 and "(cached)" not in third.stderr, "a changed file must run again"


def test_a_generator_reruns_when_a_file_it_declares_changes_and_only_then(project, tmp_path):
    (project.root / "docs" / "notes").mkdir()
    (project.root / "docs" / "notes" / "data.txt").write_text("first\n")
    project.add_generator("gen_notes.py", '''
        """Print the notes, with a random number to tell runs apart."""
        import random
        from pathlib import Path

        READS = ("docs/notes/*.txt",)
        MEASUREMENTS = ()

        if __name__ == "__main__":
            print(Path("docs/notes/data.txt").read_text().strip(), random.random())
    ''')
    project.add_snippet("steady_pytorch.py", "print('steady')\n")
    project.add_page("scripts/generators/gen_notes.py", "snippets/demo/steady_pytorch.py")
    cache = tmp_path / "cache"
    runs = [project.build("site1", cache)]
    page = project.root / "docs" / "index.md"
    page.write_text(page.read_text() + "\nA prose edit.\n")  # not a file the generator reads
    runs.append(project.build("site2", cache))
    (project.root / "docs" / "notes" / "data.txt").write_text("second\n")
    runs.append(project.build("site3", cache))
    assert all(run.returncode == 0 for run in runs), why_it_failed(runs[-1])
    cached = [bool(re.search(r"gen_notes\.py  \(cached\)", run.stderr)) for run in runs]
    assert cached == [False, True, False]
    assert [bool(re.search(r"steady_pytorch\.py  \(cached\)", run.stderr)) for run in runs] == [False, True, True], \
        "a block that does not read the changed file is not run again"
    assert "second" in (project.root / "site3" / "index.html").read_text()
