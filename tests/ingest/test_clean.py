"""Cleaning: boilerplate, furniture, hyphenation, bullets, footnotes, paragraph joining."""

from aftalegraf.ingest.clean import clean_text, is_furniture, looks_legal, running_lines


def test_web_boilerplate_removed():
    raw = (
        'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 54 54">\nGå til indhold\nSøg\n\n'
        "Sundhedsaftaler\n\nSundhedsaftaler er politiske aftaler.\n\n446x200IPaper.jpg\n"
        "Klik på billedet for at åbne som I-paper\n\nOprettet\n08.12.14\nOpdateret\n17.12.20\n"
        "Link til denne side:\n"
    )
    out = clean_text(raw)
    for junk in ("xmlns", "Gå til indhold", "Søg", ".jpg", "Klik på billedet", "Link til denne side", "08.12.14"):
        assert junk not in out
    assert out.startswith("Sundhedsaftaler\n\nSundhedsaftaler er politiske aftaler.")


def test_page_furniture_removed():
    raw = (
        "Vi har udvalgt disse målsætninger, da de dækker de fire visioner.\n\n"
        "Punkt nr. 2 - Høring over sundhedsaftalen - politisk del\nBilag 2 - Side -9 af 12\n\n"
        "Møde i Praksisplanudvalget d. 14-05-2014\n\n\n\n   Side 2 \n\n10\n\nNy side med tekst.\n"
    )
    out = clean_text(raw)
    for junk in ("Punkt nr", "Bilag 2 - Side", "Møde i Praksisplanudvalget", "Side 2", "\n10\n"):
        assert junk not in out
    assert "Ny side med tekst." in out
    assert is_furniture("Bilag 3 - Side -1 af 2") and not is_furniture("Bilag 1")


def test_hyphenation_and_unicode_hyphens():
    raw = (
        "Vi vil sætte yderligere fokus på den langsigtede borger- og patientrettede forebyg-\n"
        "gelse og på den tidlige opsporing, og det fælles arbejde i Sundheds-\n"
        "koordinationsudvalget og med Sundheds-\nit er vigtigt for sund\u2010hedsaftalen og Høje\u2010Taastrup.\n"
    )
    out = clean_text(raw)
    assert "forebyggelse" in out
    assert "Sundhedskoordinationsudvalget" in out
    assert "Sundheds-it" in out
    assert "sundhedsaftalen" in out and "Høje-Taastrup" in out
    assert "borger- og patientrettede" in out


def test_soft_hyphen_at_line_end_always_joins():
    out = clean_text("Heref\u2010\n\nter skal aftalen godkendes i regionsrådet og i de enkelte kommunalbestyrelser.\n")
    assert out.startswith("Herefter skal")


def test_bullets_become_list_items():
    raw = "De obligatoriske indsatsområder omfatter:\n\n\uf0b7 Forebyggelse \n\ufffd Behandling og pleje\n• Genoptræning\n\uf0a7 Sundheds-it\n"
    out = clean_text(raw)
    assert "De obligatoriske indsatsområder omfatter:\n\n- Forebyggelse\n- Behandling og pleje\n- Genoptræning\n- Sundheds-it\n" == out


def test_footnote_markers_and_superscripts():
    out = clean_text("inddrage den øvrige praksissektor1) samt andre. Datapakken² består af tre temaer.\n")
    assert "praksissektor samt andre" in out and "Datapakken består" in out


def test_double_spaced_letter_joined_and_spaces_collapsed():
    raw = (
        "Der\u00a0skal\u00a0\u00a0inden\u00a0udgangen\u00a0af\u00a0\u00a0januar 2015 være indgået en ny sundhedsaftale mellem \n\n"
        "regionen og kommunerne i regionen for perioden 2015 - 2018. \n\n \n\n"
        "Den kommende sundhedsaftale skal bestå af en politisk del og en administrativ del, \n\n"
        "der konkretiserer indholdet i den politiske aftaledel. \n\n \n\n"
        "Det er vores håb, at I kan bruge bilaget som inspiration i vores politiske drøftelse af \n\n"
        "aftaleudkastet og dets indhold om den kommende aftale og alt det der følger af den. \n\n"
    )
    out = clean_text(raw)
    paras = out.strip().split("\n\n")
    assert paras[0] == ("Der skal inden udgangen af januar 2015 være indgået en ny sundhedsaftale mellem regionen "
                        "og kommunerne i regionen for perioden 2015 - 2018.")
    assert paras[1].startswith("Den kommende") and paras[1].endswith("aftaledel.")
    assert len(paras) == 3


def test_hard_wrapped_paragraph_joined_heading_kept():
    raw = (
        "1. Samarbejde om medicin \n"
        "Mellem 11 og 17 procent af borgere, der bliver udskrevet fra hospital, oplever utilsigtede hændelser med \n"
        "medicin. Hændelser i forbindelse med medicinhåndtering er ofte et resultat af mangelfuld kommunikation \n"
        "og uklar ansvarsfordeling mellem de involverede parter. \n"
    )
    out = clean_text(raw)
    head, body = out.strip().split("\n\n")
    assert head == "1. Samarbejde om medicin"
    assert body.startswith("Mellem 11") and body.endswith("parter.") and "\n" not in body


def test_tab_table_becomes_rows_and_toc_kept():
    raw = "Indholdsfortegnelse\n\n1. Indledning\t4\n1.1. Ændringer\t4\n\nPolitisk niveau\tFaglig strategisk niveau\nSætte retning\tTage hånd om borgerne\n\tFølge og drøfte data\n"
    out = clean_text(raw)
    assert "1. Indledning\t4\n1.1. Ændringer\t4" in out
    assert "| Politisk niveau | Faglig strategisk niveau |\n| Sætte retning | Tage hånd om borgerne |\n| | Følge og drøfte data |" in out


def test_legal_text_kept_line_by_line():
    raw = "Bekendtgørelse om x\nBEK nr 1 af 01/01/2020\n\n§ 1. Tekst.\nStk. 2. Mere.\n\n§ 2. Andet.\n"
    assert looks_legal(raw)
    assert clean_text(raw) == raw


def test_running_headers_of_paged_text_removed():
    bodies = [
        "Kommunerne skal sikre forebyggelse og samarbejde mellem sektorerne i hele aftaleperioden, så borgerne oplever sammen-\nhæng i deres forløb.",
        "Regionen står for behandling på sygehusene og rådgiver kommunerne om den nære indsats.",
        "Almen praksis er tovholder for patienter med kronisk sygdom og deltager i sundhedsklyngerne.",
        "Parterne følger op på målsætningerne én gang årligt og udarbejder en midtvejsstatus.",
    ]
    pages = [f"Sundhedsaftale 2019-2023 - Region Syddanmark\n\n{b}\n\nSide {i} af 4\n" for i, b in enumerate(bodies, 1)]
    out = clean_text("\n\f".join(pages))
    # the first page's top is the title's place: the header stays there, as the first line
    assert out.count("Region Syddanmark") == 1 and out.startswith("Sundhedsaftale 2019-2023 - Region Syddanmark\n")
    assert "Side" not in out
    assert "sammenhæng i deres forløb." in out
    assert out.count("\n\n") == 4


_BODIES = [
    "Regionsrådet og kommunalbestyrelserne indgår en sundhedsaftale for hver valgperiode.",
    "Sundhedsklyngen drøfter data om borgernes forløb og følger op på indsatserne.",
    "Almen praksis deltager i det faglige arbejde i klyngen og i praksisplanudvalget.",
    "Patientinddragelsesudvalget rådgiver regionsrådet om inddragelse af patienter.",
    "Kommunerne står for forebyggelse, pleje og genoptræning uden for sygehuset.",
    "Sygehusene sender en udskrivningsrapport til kommunen og til den praktiserende læge.",
    "Parterne følger op på aftalen én gang årligt og udarbejder en midtvejsstatus.",
    "Aftalen kan genforhandles, hvis en af parterne ønsker det.",
]


def _paged(pages: list[str]) -> str:
    return "\n\f".join(pages) + "\n"


def test_alternating_running_headers_on_a_third_of_the_pages_removed():
    # a book layout: the title on even pages, the issuer on odd pages, "12 | …" page footers;
    # the cover page has none of them, so each header stands on less than half the pages
    pages = ["Sundhedsaftale 2024-2027\n\nForside", "Indhold\n\n1. Indledning\t3\n2. Opfølgning\t9"]
    for i, body in enumerate(_BODIES, 3):
        head = "Sundhedsaftale 2024-2027 for Region Nordjylland" if i % 2 == 0 else "Region Nordjylland og de 11 kommuner"
        pages.append(f"{head}\n\n{body}\n\n{i} | Sundhedsaftalen")
    pages.append("Kolofon\n\nUdgivet af Region Nordjylland")
    text = _paged(pages)                      # 11 pages, each header on 4
    keys = running_lines(text)
    assert "sundhedsaftale #-# for region nordjylland" in keys and "region nordjylland og de # kommuner" in keys
    out = clean_text(text)
    assert "for Region Nordjylland" not in out and "de 11 kommuner" not in out and "| Sundhedsaftalen" not in out
    for body in _BODIES:
        assert body in out


def test_repeated_sub_heading_and_chapter_lines_are_not_running_lines():
    # "Opfølgning" heads a part of every chapter and opens some pages; "Kapitel N" opens
    # every page: both are structure, not furniture
    pages = []
    for i, body in enumerate(_BODIES, 1):
        top = "Opfølgning" if i % 2 else f"Kapitel {i}"
        pages.append(f"{top}\n\n{body}\n{_BODIES[i - 2]}\n\nOpfølgning\n\n{_BODIES[-i]}\n{_BODIES[1 - i]}")
    text = _paged(pages)
    assert running_lines(text) == set()
    out = clean_text(text)
    assert out.count("Opfølgning") == 2 * len(_BODIES) - len(_BODIES) // 2
    assert "Kapitel 2" in out and "Kapitel 8" in out


def test_running_footer_of_paged_legislation_removed():
    pages = [
        f"§ {i}. {body}\nStk. 2. Ministeren fastsætter nærmere regler.\n\nBEK nr 1248 af 05/09/2022 – retsinformation.dk  {i}"
        for i, body in enumerate(_BODIES[:4], 1)
    ]
    text = _paged(pages)
    assert looks_legal(text)
    out = clean_text(text)
    assert "retsinformation.dk" not in out
    assert out.count("Stk. 2. Ministeren") == 4 and "§ 4. Patientinddragelsesudvalget" in out


def test_no_running_lines_in_short_or_unpaged_text():
    two_pages = _paged([f"Overskrift\n\n{b}" for b in _BODIES[:2]])
    assert running_lines(two_pages) == set()
    assert running_lines("\n".join(f"Overskrift\n{b}" for b in _BODIES)) == set()
