"""The reference schemes (themes, national goals) shared by the graph and the comparison."""

from __future__ import annotations

from aftalegraf.kg import reference


def test_reference_tables_loaded_from_the_ontology():
    themes, goals = reference.themes(), reference.national_goals()
    assert list(goals) == [str(n) for n in range(1, 9)]
    assert list(themes)[:2] == ["forebyggelse", "behandling-og-pleje"]
    assert themes["forebyggelse"]["definition"] == "Sundhedsfremme og forebyggelse af sygdom."
    assert "psykisk sygdom" in themes["mental-sundhed"]["keywords"]
    assert "mestre" in themes["mestring-i-eget-hjem"]["keywords"]  # an added inflection


def test_builtin_copy_matches_the_ontology():
    """The fallback for a missing ontology says what the ontology says."""
    for loaded, builtin in ((reference.themes(), reference._BUILTIN_THEMES),
                            (reference.national_goals(), reference._BUILTIN_NATIONAL_GOALS)):
        assert set(loaded) == set(builtin)
        for key, (label, definition, keywords) in builtin.items():
            entry = loaded[key]
            assert (entry["label"], entry["definition"]) == (label, definition), key
            assert set(entry["keywords"]) == set(keywords) | set(reference._EXTRA_KEYWORDS.get(key, [])), key


def test_every_weak_keyword_is_a_keyword_of_some_scheme():
    # a weak word that is no keyword would silently do nothing
    every = {kw for table in (reference.themes(), reference.national_goals()) for e in table.values() for kw in e["keywords"]}
    assert reference.WEAK_KEYWORDS <= every
