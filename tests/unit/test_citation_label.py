"""How a citation reads in one line (rules diff reports, per-entry listings)."""

from service.engine.model import Citation


def test_numbered_paragraph_reads_as_operative_paragraph() -> None:
    c = Citation("S/RES/2216 (2015)", "14", "", True)
    assert c.label == "S/RES/2216 (2015) op. 14"


def test_paragraph_in_words_is_not_called_op() -> None:
    c = Citation(
        "S/RES/944 (1994)", "termination (paragraph not given in the reference)", "", False
    )
    assert c.label == "S/RES/944 (1994), termination (paragraph not given in the reference)"
    assert "op." not in c.label


def test_annex_reads_as_annex() -> None:
    assert (
        Citation("S/RES/2270 (2016)", "Annex III", "", False).label
        == "S/RES/2270 (2016), Annex III"
    )
    assert Citation("S/RES/1718 (2006)", "", "", True).label == "S/RES/1718 (2006)"
