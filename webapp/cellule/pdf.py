"""PDF documents of the cellule (minutes, anonymised profile cards) with fpdf2's core fonts.

The core fonts speak latin-1, which holds every French accent; the few typographic characters
outside it (’ œ … – €) are replaced by their plain equivalents before writing.
"""

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

LATIN1_EQUIVALENTS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "«": "«",
        "»": "»",
        "…": "...",
        "–": "-",
        "—": "-",
        "œ": "oe",
        "Œ": "OE",
        "€": "EUR",
        "\u202f": " ",
        "\u2009": " ",
        "•": "-",
        "→": "->",
    }
)
FONT = "Helvetica"


def latin1(text: str) -> str:
    """The text as the core fonts can write it."""
    return str(text).translate(LATIN1_EQUIVALENTS).encode("latin-1", "replace").decode("latin-1")


class Document(FPDF):
    """An A4 page with a title band and a page-numbered footer, in plain latin-1 text."""

    def __init__(self, title: str, footer: str):
        super().__init__(format="A4")
        self.document_title, self.footer_text = latin1(title), latin1(footer)
        self.set_title(self.document_title)
        self.set_creator("Passerelle")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.footer_text} - page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def subheading(self, text: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 11)
        self.set_fill_color(230, 233, 240)
        self.multi_cell(0, 6.5, latin1(text), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(self, label: str, value: str) -> None:
        """A "label : value" line, the label in bold."""
        self.set_font(FONT, "B", 10)
        self.write(5, latin1(f"{label} : "))
        self.set_font(FONT, "", 10)
        self.write(5, latin1(value))
        self.ln(6)

    def bullets(self, lines: list[str] | tuple[str, ...]) -> None:
        self.set_font(FONT, "", 10)
        for line in lines:
            self.multi_cell(0, 5, latin1(f"- {line}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def simple_table(
        self, headers: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]
    ) -> None:
        """A simple bordered table whose cells wrap."""
        self.set_font(FONT, "", 9)
        headings = FontFace(emphasis="BOLD", fill_color=(230, 233, 240))
        with self.table(
            col_widths=widths, text_align="LEFT", line_height=4.8, headings_style=headings
        ) as table:
            heading = table.row()
            for text in headers:
                heading.cell(latin1(text))
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(latin1(text))

    def to_bytes(self) -> bytes:
        return bytes(self.output())
