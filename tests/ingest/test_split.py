"""Compound files are split by general cues into one segment per document."""

from aftalegraf.ingest.split import split_segments

AGENDA = """ 1. GODKENDELSE AF DAGSORDEN

BESLUTNING

 2. HØRING OVER SAMARBEJDSAFTALEN

Her er en sag om høring med en vis længde, så den ligner en rigtig dagsorden.

 Aarhus den 3. marts 2020

Region Midtjylland

Til

Høringsparterne

Høring vedr. Samarbejdsaftale 2020 - 2023

Brødtekst i brevet.

Punkt nr. 2 - Høring over samarbejdsaftalen
 Udkast til samarbejdsaftale om rehabilitering

Indledning

Tekst i udkastet.

Punkt nr. 2 - Høring over samarbejdsaftalen
Bilag 2 - Side -3 af 3

 VEJ nr 9999 af 01/02/2019 Gældende
Ministeriet

Den fulde tekst

Vejledning om noget

1. Indledning

Tekst.

Sundhedsstyrelsen, den 1. februar 2019

Navn
"""


def test_meeting_papers_split_by_cues():
    segs = split_segments(AGENDA)
    assert [s.cue for s in segs] == ["", "letter", "attachment", "legal-header"]
    assert segs[1].text.lstrip().startswith("Aarhus den 3. marts 2020")
    assert segs[2].text.startswith(" Udkast til samarbejdsaftale")
    assert "VEJ nr 9999" in segs[3].text and "Sundhedsstyrelsen, den 1. februar 2019" in segs[3].text
    # spans index the source text and cover it without overlap
    for a, b in zip(segs, segs[1:]):
        assert a.end == b.start
    assert all(AGENDA[s.start:s.end] == s.text for s in segs)


def test_banner_collection_split():
    rule = "=" * 40
    text = (f"Samling af versioner\n\n{rule}\nBekendtgørelse af lov om x — 2010/5 (2010-01-02) http://x\n{rule}\n§ 1. A.\n\n"
            f"{rule}\nBekendtgørelse af lov om x — 2012/7 (2012-03-04) http://y\n{rule}\n§ 1. B.\n")
    segs = split_segments(text)
    assert len(segs) == 2 and all(s.cue == "banner" for s in segs)
    assert "2010/5" in segs[0].text and "§ 1. B." in segs[1].text


def test_single_document_not_split():
    text = "Vejledning om x\n\n1. Indledning\n\nTekst. Sundhedsstyrelsen, den 1. februar 2019\n"
    assert len(split_segments(text)) == 1
