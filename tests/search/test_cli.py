import json

from aftalegraf.cli import main


def test_search_json_is_machine_clean(small_store, capsys):
    code = main(["search", "Hvor ofte mødes det faglige strategiske niveau?", "--k", "3", "--json",
                 "--store", str(small_store.path)])
    out = capsys.readouterr().out
    assert code == 0
    data = json.loads(out)
    assert len(data["hits"]) == 3 and data["mode"] == "hybrid"


def test_search_table(small_store, capsys):
    assert main(["search", "§ 13", "--mode", "bm25", "--store", str(small_store.path)]) == 0
    out = capsys.readouterr().out
    assert "score" in out and "§ 13" in out


def test_bad_query_exits_2(small_store, capsys):
    assert main(["search", "x" * 20_000, "--store", str(small_store.path)]) == 2
    assert "højst 1000" in capsys.readouterr().err   # the one validation names its limit
    assert main(["search", "møde", "--k", "0", "--store", str(small_store.path)]) == 2


def test_eval_command(small_store, tmp_path, capsys):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "t1", "kind": "paraphrase", "q": "Hvor ofte mødes det faglige strategiske niveau?",
                              "gold": ["mødes minimum fire gange årligt"]}) + "\n", encoding="utf-8")
    assert main(["eval", str(qa), "--json", "--store", str(small_store.path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["modes"]["hybrid"]["all"]["recall@5"] == 1.0
    assert set(data["modes"]) == {"bm25", "dense", "hybrid"}
    assert "paraphrase" in data["modes"]["bm25"]["by_kind"]


def test_search_table_opens_with_the_answer_or_says_there_is_none(small_store, capsys):
    assert main(["search", "Hvor ofte mødes det faglige strategiske niveau?", "--store", str(small_store.path)]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("Answer: ") and "[" in first          # the provision cited, with its status
    assert out.index("Answer: ") < out.index("score")
    assert main(["search", "xqzvbn flurbo kwij", "--store", str(small_store.path)]) == 0
    out = capsys.readouterr().out
    assert "Answer: " not in out
    assert out.startswith("No answer: nothing in the store answers this well enough")


def test_search_table_marks_the_paragraph_the_question_cites(small_store, capsys):
    assert main(["search", "Hvad siger § 21 i bekendtgørelse nr. 1248 af 5. september 2022?", "--k", "5",
                 "--store", str(small_store.path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "(cited)" in line]
    assert len(rows) == 1 and "§ 21" in rows[0]
