"""PDF documents of the cellule (minutes, anonymised profile cards) in an embedded Unicode font.

fpdf2's core fonts speak latin-1 only ("œ" became "oe", "€" "EUR"); Source Sans Pro, a free
font (SIL OFL) shipped by the `font-source-sans-pro` package, writes every French character.
fpdf2 embeds only the glyphs used, so a one-page card stays small.
"""

from pathlib import Path

import font_source_sans_pro
from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

FONT = "SourceSansPro"
FONT_FILES = {"": "Regular", "B": "Bold", "I": "It", "BI": "BoldIt"}  # style -> file
FONT_DIRECTORY = Path(font_source_sans_pro.font_directory)


def text_of(value) -> str:
    """The text to write: any Unicode the font holds (French typography included)."""
    return str(value)


class Document(FPDF):
    """An A4 page with a title band and a page-numbered footer, in the embedded font."""

    def __init__(self, title: str, footer: str):
        super().__init__(format="A4")
        for style, name in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIRECTORY / f"SourceSansPro-{name}.ttf")
        self.document_title, self.footer_text = text_of(title), text_of(footer)
        self.set_title(self.document_title)
        self.set_creator("Passerelle")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.footer_text} – page {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)

    def subheading(self, text: str) -> None:
        self.ln(2)
        self.set_font(FONT, "B", 11)
        self.set_fill_color(230, 233, 240)
        self.multi_cell(0, 6.5, text_of(text), fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text_of(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def fact(self, label: str, value: str) -> None:
        """A "label : value" line, the label in bold."""
        self.set_font(FONT, "B", 10)
        self.write(5, text_of(f"{label} : "))
        self.set_font(FONT, "", 10)
        self.write(5, text_of(value))
        self.ln(6)

    def bullets(self, lines: list[str] | tuple[str, ...]) -> None:
        self.set_font(FONT, "", 10)
        for line in lines:
            self.multi_cell(0, 5, text_of(f"• {line}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

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
                heading.cell(text_of(text))
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(text_of(text))

    def to_bytes(self) -> bytes:
        return bytes(self.output())
