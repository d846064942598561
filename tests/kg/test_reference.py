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


def test_nearest_links_the_best_and_a_close_runner_up_only():
    keys = ["a", "b", "c", "d"]
    assert reference.nearest([0.86, 0.90, 0.895, 0.89], keys) == [("b", 0.90), ("c", 0.895)]
    assert reference.nearest([0.86, 0.90, 0.85, 0.80], keys) == [("b", 0.90)]      # runner-up too far
    assert reference.nearest([0.79, 0.78, 0.70, 0.10], keys) == []                 # below the floor
    # e5 puts every theme above the floor for a vague goal; still at most two links
    assert len(reference.nearest([0.88] * 4, keys)) == reference.SIM_TOP == 2
