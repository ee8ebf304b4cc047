"""The sheets of a partnergraph workbook and their columns.

One declaration serves every direction: the template's headers, explanations and drop-downs,
reading a filled workbook, building RDF from it, writing the current graph back into it and
pointing SHACL findings at the cell to fix. Each column says which property it fills, in which
language, whether it holds several values (``;`` between ids and names, one per line for long
texts), what it may refer to and whether it belongs to the editorial mappings rather than the
facts from the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDFS, SKOS

from partnergraph.rdf.namespaces import ADMS, CV, FOAF, PG, SCHEMA

__all__ = [
    "EXTRA",
    "GUIDE_NAMES",
    "LISTS_SHEET",
    "SHEETS",
    "Column",
    "SheetSpec",
    "sheet_by_key",
]

LISTS_SHEET = "lists"
GUIDE_NAMES = {"da": "Vejledning", "en": "Guide"}

HEADER_ROWS = 3
"""Row 1: Danish headers, row 2: English headers, row 3: what goes in the column."""


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind`` is one of: ``id`` (the row's id), ``kind`` (what kind of row, from a workbook
    list), ``text`` (one language-tagged text), ``lines`` (texts, one per line), ``names``
    (language-tagged names separated by ``;``), ``plain`` / ``plains`` (untagged text, one or
    several), ``integer``, ``ref`` (ids of rows on ``targets``), ``vocab`` (values of the
    controlled list ``vocab``), ``language`` (a two-letter language code), ``start``, ``end``,
    ``wording`` (the period: dates in the source's precision and its wording), and on the extra
    statements sheet ``subject``, ``property``, ``value``, ``lang-tag``, ``datatype``, ``graph``.
    """

    key: str
    da: str
    en: str
    help_da: str
    help_en: str
    kind: str
    prop: URIRef | None = None
    lang: str | None = None
    multi: bool = False
    required: bool = False
    targets: tuple[str, ...] = ()
    sdg: bool = False
    vocab: str | None = None
    inverse: bool = False
    mapping: bool = False
    width: int = 18

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_da

    def headers(self) -> tuple[str, str]:
        star = " *" if self.required else ""
        return self.da + star, self.en + star


@dataclass(frozen=True)
class SheetSpec:
    key: str
    da: str
    en: str
    help_da: str
    help_en: str
    columns: tuple[Column, ...]
    base_types: tuple[URIRef, ...] = ()
    kind_types: dict[str, tuple[URIRef, ...]] = field(default_factory=dict)
    kind_vocab: str | None = None

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def help(self, lang: str) -> str:
        return self.help_en if lang == "en" else self.help_da

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)


# --- building blocks -------------------------------------------------------------------------

_LANG_NAMES = {"da": ("dansk", "Danish"), "en": ("engelsk", "English"), "sv": ("svensk", "Swedish")}


def _id(example: str) -> Column:
    return Column(
        "id",
        "Id",
        "Id",
        f"Kort, entydigt id (små bogstaver, tal og bindestreg), fx {example}. Bruges til at "
        "henvise til rækken fra andre ark.",
        f"Short unique id (lower-case letters, digits and hyphens), e.g. {example}. Other sheets "
        "refer to the row by it.",
        "id",
        required=True,
        width=30,
    )


def _names(required: bool = True) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"name_{lang}",
            f"Navn ({lang})",
            f"Name ({lang})",
            f"Navnet på {da}" + (" (skal udfyldes)." if lang == "da" and required else "."),
            f"The name in {en}" + (" (required)." if lang == "da" and required else "."),
            "text",
            SKOS.prefLabel,
            lang=lang,
            required=required and lang == "da",
            width=34 if lang != "sv" else 20,
        )
        for lang, (da, en) in _LANG_NAMES.items()
    )


def _pair(
    key: str,
    prop: URIRef,
    da: str,
    en: str,
    help_da: str,
    help_en: str,
    *,
    kind: str = "text",
    langs: tuple[str, ...] = ("da", "en"),
    width: int = 34,
) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{key}_{lang}",
            f"{da} ({lang})",
            f"{en} ({lang})",
            f"{help_da} ({_LANG_NAMES[lang][0]})",
            f"{help_en} ({_LANG_NAMES[lang][1]})",
            kind,
            prop,
            lang=lang,
            width=width,
        )
        for lang in langs
    )


def _period(what_da: str, what_en: str) -> tuple[Column, ...]:
    return (
        Column(
            "start",
            "Start",
            "Start",
            f"Hvornår {what_da} begynder, med kildens præcision: år (2018), måned (2018-08) eller "
            "dag (2022-01-01). For en årstid: første måned, fx 2025-09 for efterår 2025.",
            f"When {what_en} begins, in the source's precision: a year (2018), a month (2018-08) "
            "or a day (2022-01-01). For a season: its first month, e.g. 2025-09 for autumn 2025.",
            "start",
            width=12,
        ),
        Column(
            "end",
            "Slut",
            "End",
            f'Hvornår {what_da} slutter, med kildens præcision. "2025" betyder senest '
            "2025-12-31. For en årstid: sidste måned, fx 2025-11 for efterår 2025.",
            f'When {what_en} ends, in the source\'s precision. "2025" means by 2025-12-31 at the '
            "latest. For a season: its last month, e.g. 2025-11 for autumn 2025.",
            "end",
            width=12,
        ),
        Column(
            "wording_da",
            "Tidsangivelse (da)",
            "Time as worded (da)",
            'Kildens egne ord for tidspunktet, fx "efterår 2025" eller "udgangen af 2025". '
            "Skal udfyldes når datoerne kun er år eller måned.",
            'The source\'s own words for the time, e.g. "efterår 2025" or "udgangen af 2025". '
            "Required when the dates are only a year or a month.",
            "wording",
            RDFS.label,
            lang="da",
            width=24,
        ),
        Column(
            "wording_en",
            "Tidsangivelse (en)",
            "Time as worded (en)",
            'Samme på engelsk, fx "autumn 2025" (valgfri).',
            'The same in English, e.g. "autumn 2025" (optional).',
            "wording",
            RDFS.label,
            lang="en",
            width=20,
        ),
    )


def _source_text() -> Column:
    return Column(
        "source_text",
        "Kildens ordlyd",
        "Wording in the source",
        "Kildens egne ord, så en læser kan holde rækken op mod originalen (dansk).",
        "The source's own words, so a reader can check the row against the original (Danish).",
        "text",
        PG.sourceText,
        lang="da",
        width=40,
    )


def _source() -> Column:
    return Column(
        "source",
        "Kilde",
        "Source",
        "Id'et på kildedokumentet (arket Dokumenter) som oplysningerne stammer fra.",
        "The id of the source document (sheet Documents) the information comes from.",
        "ref",
        DCTERMS.source,
        required=True,
        targets=("documents",),
        width=28,
    )


def _ref(
    key: str,
    prop: URIRef,
    da: str,
    en: str,
    help_da: str,
    help_en: str,
    targets: tuple[str, ...],
    *,
    multi: bool = False,
    required: bool = False,
    sdg: bool = False,
    inverse: bool = False,
    width: int = 28,
) -> Column:
    more_da = " Flere adskilles med ;." if multi else ""
    more_en = " Separate several with ;." if multi else ""
    return Column(
        key,
        da,
        en,
        help_da + more_da,
        help_en + more_en,
        "ref",
        prop,
        multi=multi,
        required=required,
        targets=targets,
        sdg=sdg,
        inverse=inverse,
        width=width,
    )


def _vocab(
    key: str,
    prop: URIRef,
    da: str,
    en: str,
    help_da: str,
    help_en: str,
    vocab: str,
    *,
    multi: bool = False,
    required: bool = False,
    mapping: bool = False,
    width: int = 24,
) -> Column:
    more_da = " Vælg fra listen; flere adskilles med ;." if multi else " Vælg fra listen."
    more_en = " Pick from the list; separate several with ;." if multi else " Pick from the list."
    return Column(
        key,
        da,
        en,
        help_da + more_da,
        help_en + more_en,
        "vocab",
        prop,
        multi=multi,
        required=required,
        vocab=vocab,
        mapping=mapping,
        width=width,
    )


def _kind(vocab: str, help_da: str, help_en: str) -> Column:
    return Column(
        "kind",
        "Art",
        "Kind",
        help_da + " Vælg fra listen.",
        help_en + " Pick from the list.",
        "kind",
        required=True,
        vocab=vocab,
        width=22,
    )


def _sdg(prop: URIRef = PG.contributesTo) -> Column:
    return Column(
        "sdg",
        "Verdensmål (kobling)",
        "SDG targets (mapping)",
        "Redaktionel kobling: FN-verdensmål eller delmål som rækken bidrager til, fx 17.17. "
        "Flere adskilles med ;.",
        "Editorial mapping: UN SDG goals or targets the row contributes to, e.g. 17.17. "
        "Separate several with ;.",
        "vocab",
        prop,
        multi=True,
        vocab="sdg",
        mapping=True,
        width=18,
    )


def _cross_cutting(prop: URIRef) -> Column:
    return _vocab(
        "cross_cutting",
        prop,
        "Tværgående temaer (kobling)",
        "Cross-cutting themes (mapping)",
        "Redaktionel kobling til de tværgående temaer.",
        "Editorial mapping onto the cross-cutting themes.",
        "cross-cutting-theme",
        multi=True,
        mapping=True,
        width=30,
    )


def _builds_on() -> Column:
    return _ref(
        "builds_on",
        PG.buildsOn,
        "Tager afsæt i",
        "Builds on",
        "Strategier og dokumenter (id fra Dokumenter) eller verdensmål (fx sdg:17) som rækken "
        "tager afsæt i.",
        "Strategies and documents (ids from Documents) or UN SDGs (e.g. sdg:17) the row builds on.",
        ("documents",),
        multi=True,
        sdg=True,
    )


_ORGS = ("organisations", "partnerships")
_INSTRUMENTS = ("themes:involvement-instrument",)

# --- the sheets ------------------------------------------------------------------------------

ORGANISATIONS = SheetSpec(
    "organisations",
    "Organisationer",
    "Organisations",
    "Organisationer og deres enheder (udvalg, afdelinger): én række pr. organisation eller enhed.",
    "Organisations and their units (committees, departments): one row per organisation or unit.",
    (
        _id("via-university-college"),
        *_names(),
        Column(
            "alt_da",
            "Andre navne (da)",
            "Other names (da)",
            "Forkortelser og andre navne på dansk, fx ØK. Flere adskilles med ;.",
            "Abbreviations and other names in Danish, e.g. ØK. Separate several with ;.",
            "names",
            SKOS.altLabel,
            lang="da",
            width=20,
        ),
        Column(
            "alt_en",
            "Andre navne (en)",
            "Other names (en)",
            "Andre navne på engelsk. Flere adskilles med ;.",
            "Other names in English. Separate several with ;.",
            "names",
            SKOS.altLabel,
            lang="en",
            width=16,
        ),
        _vocab(
            "kind",
            ORG.classification,
            "Organisationstype",
            "Kind of organisation",
            "Hvilken slags organisation eller enhed.",
            "What kind of organisation or unit.",
            "organisation-kind",
        ),
        _ref(
            "unit_of",
            ORG.unitOf,
            "Enhed af",
            "Unit of",
            "For en enhed (udvalg, afdeling): id'et på organisationen den hører under. Tom for "
            "en selvstændig organisation.",
            "For a unit (committee, department): the id of the organisation it belongs to. Empty "
            "for an organisation in its own right.",
            ("organisations",),
        ),
        _vocab(
            "country",
            PG.country,
            "Land",
            "Country",
            "Landet organisationen hører hjemme i.",
            "The country the organisation is based in.",
            "country",
            width=10,
        ),
        _ref(
            "instruments",
            PG.usesInstrument,
            "Inddragelsesinstrumenter",
            "Involvement instruments",
            "Måder organisationen inddrager borgere og interessenter på (id'er fra Temaer, art "
            "inddragelsesinstrument).",
            "Ways the organisation involves citizens and stakeholders (ids from Themes, kind "
            "involvement instrument).",
            _INSTRUMENTS,
            multi=True,
        ),
        *_pair(
            "definition",
            SKOS.definition,
            "Definition",
            "Definition",
            "Hvad organisationen eller enheden er eller gør",
            "What it is or does",
        ),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _source_text(),
        _source(),
    ),
    base_types=(ORG.Organization, FOAF.Agent, PROV.Agent),
)

KIND_TYPES: dict[str, tuple[URIRef, ...]] = {
    "kind-municipality": (CV.PublicOrganisation, SCHEMA.GovernmentOrganization),
    "kind-university": (SCHEMA.CollegeOrUniversity,),
    "kind-university-college": (SCHEMA.CollegeOrUniversity,),
    "kind-school": (SCHEMA.EducationalOrganization,),
    "kind-company": (SCHEMA.Corporation,),
}
"""Standard types an organisation of a kind also has (schema.org, the EU Core Vocabularies)."""

PARTNERSHIPS = SheetSpec(
    "partnerships",
    "Partnerskaber",
    "Partnerships",
    "Partnerskaber og samarbejder: én række pr. partnerskab, med parterne som medlemmer.",
    "Partnerships and collaborations: one row per partnership, with the parties as members.",
    (
        _id("partnership-via"),
        *_names(),
        _vocab(
            "category",
            PG.category,
            "Kategori",
            "Category",
            "Formelt (rammesat af en aftale) eller strategisk partnerskab.",
            "Formal (framed by an agreement) or strategic partnership.",
            "partnership-category",
        ),
        _ref(
            "collaboration_type",
            PG.collaborationType,
            "Samarbejdstype",
            "Collaboration type",
            "Typen i samarbejdstypologien (id fra Temaer, art samarbejdstype).",
            "The type in the collaboration typology (id from Themes, kind collaboration type).",
            ("themes:collaboration-type",),
        ),
        _vocab(
            "kind",
            ORG.classification,
            "Organisationstype",
            "Kind of organisation",
            "For et samarbejde der er en organisation i sig selv, fx et fælleskommunalt selskab.",
            "For a collaboration that is an organisation in itself, e.g. an inter-municipal "
            "company.",
            "organisation-kind",
        ),
        _vocab(
            "country",
            PG.country,
            "Land",
            "Country",
            "Landet samarbejdet hører hjemme i.",
            "The country the collaboration is based in.",
            "country",
            width=10,
        ),
        _ref(
            "members",
            ORG.hasMember,
            "Parter",
            "Members",
            "Organisationerne der er parter i partnerskabet (id'er fra Organisationer).",
            "The organisations that are parties to the partnership (ids from Organisations).",
            _ORGS,
            multi=True,
            required=True,
            width=36,
        ),
        _ref(
            "stakeholders",
            PG.stakeholder,
            "Interessenter",
            "Stakeholders",
            "Organisationer partnerskabet samarbejder med uden at de er parter.",
            "Organisations the partnership works with without them being parties.",
            ("organisations",),
            multi=True,
        ),
        *_period("partnerskabet", "the partnership"),
        *_pair(
            "definition",
            SKOS.definition,
            "Definition",
            "Definition",
            "Hvad samarbejdet er",
            "What the collaboration is",
        ),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _source_text(),
        _source(),
        _cross_cutting(DCTERMS.subject),
        _sdg(),
    ),
    base_types=(PG.Partnership, ORG.OrganizationalCollaboration, ORG.Organization),
)

_AGREEMENT = (PG.Agreement, PROV.Entity, FOAF.Document)

AGREEMENTS = SheetSpec(
    "agreements",
    "Aftaler",
    "Agreements",
    "Partnerskabsaftaler og handleplaner: én række pr. aftale. En ny aftale der afløser en "
    "gammel, får sin egen række med den gamle i Afløser.",
    "Partnership agreements and action plans: one row per agreement. A new agreement that "
    "replaces an old one gets its own row, with the old one in Replaces.",
    (
        _id("agreement-via-2018"),
        _kind(
            "agreement-kind",
            "Partnerskabsaftale eller handleplan.",
            "Partnership agreement or action plan.",
        ),
        *_names(),
        _ref(
            "governs",
            PG.governs,
            "Partnerskab",
            "Partnership",
            "Partnerskabet aftalen regulerer (id fra Partnerskaber).",
            "The partnership the agreement governs (id from Partnerships).",
            ("partnerships",),
            required=True,
        ),
        _ref(
            "parties",
            PG.party,
            "Parter",
            "Parties",
            "Organisationerne der er parter i aftalen (mindst to).",
            "The organisations that are parties to the agreement (at least two).",
            _ORGS,
            multi=True,
            required=True,
            width=36,
        ),
        _vocab(
            "status",
            PG.status,
            "Status",
            "Status",
            "Gældende, afløst eller foreslået, som kilden angiver.",
            "In force, replaced or proposed, as the source states.",
            "status",
            required=True,
            width=18,
        ),
        _ref(
            "replaces",
            DCTERMS.replaces,
            "Afløser",
            "Replaces",
            "Den tidligere aftale som denne afløser (id fra Aftaler).",
            "The earlier agreement this one replaces (id from Agreements).",
            ("agreements",),
            multi=True,
        ),
        *_period("aftalen", "the agreement"),
        *_pair(
            "purpose",
            PG.purpose,
            "Formål",
            "Purpose",
            "Aftalens formål med kildens ord; ét formål pr. linje",
            "The agreement's purpose in the source's words; one per line",
            kind="lines",
            langs=("da", "en", "sv"),
            width=40,
        ),
        *_pair(
            "description",
            DCTERMS.description,
            "Beskrivelse",
            "Description",
            "Hvordan aftalen er udformet",
            "How the agreement is drawn up",
            width=40,
        ),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _builds_on(),
        _source_text(),
        _source(),
    ),
    kind_types={
        "partnership-agreement": (PG.PartnershipAgreement, *_AGREEMENT),
        "action-plan": (PG.ActionPlan, *_AGREEMENT, SKOS.ConceptScheme),
    },
    kind_vocab="agreement-kind",
)

THEMES = SheetSpec(
    "themes",
    "Temaer",
    "Themes",
    "Nummererede temaer, forslag til fokusområder, handleplanspunkter, samarbejdstyper og "
    "instrumenter til borgerinddragelse: én række pr. punkt, i en liste (Temalister, eller "
    "handleplanen selv på Aftaler).",
    "Numbered themes, proposed focus areas, action plan items, collaboration types and "
    "citizen-involvement instruments: one row per item, in a list (Theme lists, or the action "
    "plan itself on Agreements).",
    (
        _id("via-theme-1"),
        _kind("theme-kind", "Hvilken slags punkt.", "What kind of item."),
        _ref(
            "scheme",
            SKOS.inScheme,
            "Liste",
            "List",
            "Listen punktet står i: id fra Temalister, eller handleplanens id fra Aftaler.",
            "The list the item is in: an id from Theme lists, or the action plan's id from "
            "Agreements.",
            ("schemes", "agreements:action-plan"),
            required=True,
        ),
        Column(
            "number",
            "Nummer",
            "Number",
            "Punktets nummer i listen, som i kilden (fx 1).",
            "The item's number in the list, as in the source (e.g. 1).",
            "plain",
            SKOS.notation,
            width=9,
        ),
        *_names(),
        *_pair(
            "definition",
            SKOS.definition,
            "Definition",
            "Definition",
            "Hvad punktet betyder",
            "What the item means",
        ),
        *_pair(
            "example",
            SKOS.example,
            "Eksempel",
            "Example",
            "Eksempler fra kilden",
            "Examples from the source",
        ),
        *_pair(
            "scope_note",
            SKOS.scopeNote,
            "Anvendelse",
            "Scope note",
            "Hvordan punktet bruges",
            "How the item is used",
        ),
        _ref(
            "continues",
            PG.continues,
            "Viderefører",
            "Continues",
            "Det nuværende tema eller punkt som dette viderefører (id fra Temaer).",
            "The current theme or item this one carries on (id from Themes).",
            ("themes",),
            multi=True,
        ),
        _builds_on(),
        _ref(
            "references",
            DCTERMS.references,
            "Nævner",
            "References",
            "Andre rækker som punktet nævner, fx en interessent (id fra et vilkårligt ark).",
            "Other rows the item mentions, e.g. a stakeholder (id from any sheet).",
            ("*",),
            multi=True,
        ),
        _ref(
            "theme_of",
            PG.hasTheme,
            "Nuværende tema for",
            "Current theme of",
            "Partnerskabet som punktet er et nuværende tema for (id fra Partnerskaber).",
            "The partnership the item is a current theme of (id from Partnerships).",
            ("partnerships",),
            multi=True,
            inverse=True,
        ),
        _ref(
            "focus_of",
            PG.hasFocusArea,
            "Forslag til fokusområde for",
            "Proposed focus area of",
            "Partnerskabet som punktet er et forslag til fokusområde for.",
            "The partnership the item is a proposed focus area of.",
            ("partnerships",),
            multi=True,
            inverse=True,
        ),
        _source_text(),
        _source(),
        _cross_cutting(SKOS.broadMatch),
        _sdg(),
    ),
    kind_types={
        "theme": (PG.Theme, SKOS.Concept),
        "focus-area": (PG.FocusArea, SKOS.Concept),
        "action-plan-item": (PG.ActionPlanItem, PG.Theme, SKOS.Concept),
        "collaboration-type": (PG.CollaborationType, SKOS.Concept),
        "involvement-instrument": (PG.InvolvementInstrument, SKOS.Concept),
    },
    kind_vocab="theme-kind",
)

SCHEMES = SheetSpec(
    "schemes",
    "Temalister",
    "Theme lists",
    "Lister af temaer: et partnerskabs nuværende temaer, dets forslag til fokusområder, en "
    "typologi. (En handleplan er selv en liste og står på Aftaler.)",
    "Lists of themes: a partnership's current themes, its proposed focus areas, a typology. (An "
    "action plan is a list itself and goes on Agreements.)",
    (
        _id("scheme-via-themes"),
        *_names(),
        _ref(
            "about",
            DCTERMS.subject,
            "Partnerskab",
            "Partnership",
            "Partnerskabet listen hører til (id fra Partnerskaber).",
            "The partnership the list belongs to (id from Partnerships).",
            ("partnerships",),
            multi=True,
        ),
        *_period("listen", "the list"),
        _source(),
    ),
    base_types=(SKOS.ConceptScheme,),
)

FORUMS = SheetSpec(
    "forums",
    "Fora",
    "Forums",
    "Samarbejdsfora (ledermøder, styregrupper, løbende kontakt): én række pr. forum. Hvem der "
    "deltager står på Forummedlemmer.",
    "Governance forums (leaders' meetings, steering groups, ongoing contact): one row per forum. "
    "Who takes part goes on Forum members.",
    (
        _id("forum-via-steering-group"),
        *_names(),
        _ref(
            "partnership",
            ORG.unitOf,
            "Partnerskab",
            "Partnership",
            "Partnerskabet forummet styrer (id fra Partnerskaber).",
            "The partnership the forum governs (id from Partnerships).",
            ("partnerships",),
            required=True,
        ),
        _vocab(
            "frequency",
            PG.meetingFrequency,
            "Mødefrekvens",
            "Meeting frequency",
            "Hvor ofte forummet mødes.",
            "How often the forum meets.",
            "meeting-frequency",
            required=True,
        ),
        Column(
            "meetings_per_year",
            "Møder om året",
            "Meetings per year",
            "Antal møder om året, hvis kilden angiver det (helt tal).",
            "The number of meetings a year, if the source gives one (whole number).",
            "integer",
            PG.meetingsPerYear,
            width=12,
        ),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _source_text(),
        _source(),
    ),
    base_types=(PG.Forum, ORG.OrganizationalUnit, ORG.Organization),
)

MEMBERS = SheetSpec(
    "members",
    "Forummedlemmer",
    "Forum members",
    "Hvem der deltager i hvert forum, med hvilken rolle: én række pr. deltager og rolle.",
    "Who takes part in each forum, in which role: one row per participant and role.",
    (
        _id("membership-via-steering-chief"),
        _ref(
            "forum",
            ORG.organization,
            "Forum",
            "Forum",
            "Forummet (id fra Fora).",
            "The forum (id from Forums).",
            ("forums",),
            required=True,
        ),
        _ref(
            "member",
            ORG.member,
            "Deltager",
            "Member",
            "Organisationen eller enheden der deltager (id fra Organisationer).",
            "The organisation or unit that takes part (id from Organisations).",
            _ORGS,
            required=True,
        ),
        _vocab(
            "role",
            ORG.role,
            "Rolle",
            "Role",
            "Deltagerens rolle, hvis kilden nævner den.",
            "The participant's role, if the source names it.",
            "role",
        ),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _source(),
    ),
    base_types=(ORG.Membership,),
)

DECISIONS = SheetSpec(
    "decisions",
    "Beslutninger",
    "Decisions",
    "Politiske og administrative behandlinger af aftaler, gennemførte og planlagte: én række "
    "pr. behandling.",
    "Political and administrative treatments of agreements, done and planned: one row per "
    "treatment.",
    (
        _id("decision-via-2025-autumn"),
        _vocab(
            "decision_type",
            DCTERMS.type,
            "Beslutningstype",
            "Kind of decision",
            "Politisk behandling, administrativ vedtagelse, orientering eller statusgennemgang.",
            "Political treatment, administrative adoption, orientation or status review.",
            "decision-type",
            required=True,
        ),
        *_names(),
        _ref(
            "committees",
            PROV.wasAssociatedWith,
            "Udvalg",
            "Committees",
            "Udvalget eller organet der behandler (id fra Organisationer).",
            "The committee or body that treats it (id from Organisations).",
            _ORGS,
            multi=True,
        ),
        _ref(
            "concerns",
            PROV.used,
            "Vedrører",
            "Concerns",
            "Aftalen eller planen der behandles (id fra Aftaler).",
            "The agreement or plan treated (id from Agreements).",
            ("agreements", "documents"),
            multi=True,
            required=True,
        ),
        _vocab(
            "status",
            PG.status,
            "Status",
            "Status",
            "Gennemført eller planlagt.",
            "Done or planned.",
            "status",
            width=16,
        ),
        _ref(
            "informed_by",
            PROV.wasInformedBy,
            "Følger af",
            "Informed by",
            "En tidligere behandling som denne følger af (id fra Beslutninger).",
            "An earlier treatment this one follows from (id from Decisions).",
            ("decisions",),
            multi=True,
        ),
        *_period("behandlingen", "the treatment"),
        *_pair("note", SKOS.note, "Note", "Note", "En bemærkning", "A remark"),
        _source_text(),
        _source(),
    ),
    base_types=(PG.Decision, PROV.Activity),
)

DOCUMENTS = SheetSpec(
    "documents",
    "Dokumenter",
    "Documents",
    "Kilder (fx et notat) og strategidokumenter som partnerskaberne tager afsæt i: én række "
    "pr. dokument.",
    "Sources (e.g. a memo) and strategy documents the partnerships build on: one row per document.",
    (
        _id("memo-norddjurs-partnerships"),
        _kind(
            "document-kind",
            "Kildedokument eller strategidokument.",
            "Source document or strategy document.",
        ),
        *_names(),
        *_pair(
            "title", DCTERMS.title, "Titel", "Title", "Dokumentets titel", "The document's title"
        ),
        *_pair(
            "doc_type",
            DCTERMS.type,
            "Dokumenttype",
            "Document type",
            "Hvad slags dokument, fx Notat",
            "What kind of document, e.g. Memo",
            width=14,
        ),
        _ref(
            "publisher",
            DCTERMS.publisher,
            "Udgiver",
            "Publisher",
            "Organisationen der udgiver dokumentet (id fra Organisationer).",
            "The organisation that publishes the document (id from Organisations).",
            _ORGS,
        ),
        _ref(
            "attributed_to",
            PROV.wasAttributedTo,
            "Ophav",
            "Attributed to",
            "Organisationen dokumentet tilskrives (id fra Organisationer).",
            "The organisation the document is attributed to (id from Organisations).",
            _ORGS,
            multi=True,
        ),
        Column(
            "language",
            "Sprog",
            "Language",
            "Dokumentets sprog som kode på to bogstaver, fx da.",
            "The document's language as a two-letter code, e.g. da.",
            "language",
            DCTERMS.language,
            vocab="language",
            width=8,
        ),
        Column(
            "identifier",
            "Dokumentnummer",
            "Identifier",
            "Dokumentets nummer eller journalnummer.",
            "The document's number or file reference.",
            "plain",
            DCTERMS.identifier,
            width=22,
        ),
        *_pair(
            "description",
            DCTERMS.description,
            "Beskrivelse",
            "Description",
            "Et resumé",
            "A summary",
            width=40,
        ),
        _ref(
            "part_of",
            DCTERMS.isPartOf,
            "Del af",
            "Part of",
            "Dokumentet som dette er en del af (id fra Dokumenter).",
            "The document this one is part of (id from Documents).",
            ("documents",),
        ),
        _builds_on(),
        _ref(
            "instruments",
            PG.usesInstrument,
            "Inddragelsesinstrumenter",
            "Involvement instruments",
            "Måder dokumentet inddrager borgere og interessenter på (id'er fra Temaer).",
            "Ways the document involves citizens and stakeholders (ids from Themes).",
            _INSTRUMENTS,
            multi=True,
        ),
        *_period("dokumentet", "the document"),
        _source_text(),
        _source(),
        _sdg(),
    ),
    kind_types={
        "source": (FOAF.Document, PROV.Entity),
        "strategy": (PG.StrategyDocument, FOAF.Document, PROV.Entity),
    },
    kind_vocab="document-kind",
)

IDENTIFIERS = SheetSpec(
    "identifiers",
    "Identifikatorer",
    "Identifiers",
    "Officielle numre for organisationer (CVR-nummer, kommunekode): én række pr. nummer.",
    "Official numbers of organisations (CVR number, municipality code): one row per number.",
    (
        _id("norddjurs-kommune-cvr"),
        _ref(
            "organisation",
            ADMS.identifier,
            "Organisation",
            "Organisation",
            "Organisationen nummeret tilhører (id fra Organisationer).",
            "The organisation the number belongs to (id from Organisations).",
            _ORGS,
            required=True,
            inverse=True,
        ),
        Column(
            "notation",
            "Nummer",
            "Number",
            "Selve nummeret, nøjagtigt som det skrives (fx 0707).",
            "The number itself, exactly as it is written (e.g. 0707).",
            "plain",
            SKOS.notation,
            required=True,
            width=14,
        ),
        Column(
            "other_notation",
            "Andre skrivemåder",
            "Other forms",
            "Andre måder nummeret skrives på (fx 707). Flere adskilles med ;.",
            "Other ways the number is written (e.g. 707). Separate several with ;.",
            "plains",
            SKOS.altLabel,
            multi=True,
            width=14,
        ),
        *_names(),
        Column(
            "agency",
            "Udstedt af (da)",
            "Issued by (da)",
            "Registret eller myndigheden der udsteder nummeret (dansk).",
            "The register or authority that issues the number (Danish).",
            "text",
            ADMS.schemaAgency,
            lang="da",
            width=30,
        ),
        _source(),
    ),
    base_types=(ADMS.Identifier,),
)

EXTRA = SheetSpec(
    "extra",
    "Øvrige udsagn",
    "Extra statements",
    "Alt det som ikke har en kolonne: ét udsagn (emne, egenskab, værdi) pr. række.",
    "Everything that has no column: one statement (subject, property, value) per row.",
    (
        Column(
            "subject",
            "Emne",
            "Subject",
            "Id'et på rækken udsagnet handler om (eller et præfiksnavn, <IRI> eller _:navn).",
            "The id of the row the statement is about (or a prefixed name, <IRI> or _:name).",
            "subject",
            required=True,
            width=30,
        ),
        Column(
            "property",
            "Egenskab",
            "Property",
            "Egenskaben som præfiksnavn, fx skos:note, eller <IRI>.",
            "The property as a prefixed name, e.g. skos:note, or <IRI>.",
            "property",
            required=True,
            width=24,
        ),
        Column(
            "value",
            "Værdi",
            "Value",
            "Værdien: tekst, eller en henvisning skrevet som præfiksnavn (pgid:...), <IRI> "
            "eller _:navn.",
            "The value: text, or a reference written as a prefixed name (pgid:...), <IRI> or "
            "_:name.",
            "value",
            required=True,
            width=40,
        ),
        Column(
            "lang_tag",
            "Sprog",
            "Language",
            "Tekstens sprog (fx da), hvis værdien er tekst på et sprog.",
            "The text's language (e.g. da), if the value is text in a language.",
            "lang-tag",
            width=8,
        ),
        Column(
            "datatype",
            "Datatype",
            "Datatype",
            'Værdiens datatype, fx xsd:integer; "tekst" for tekst uden sprog der ligner en '
            "henvisning.",
            'The value\'s datatype, e.g. xsd:integer; "text" for untagged text that looks like a '
            "reference.",
            "datatype",
            width=14,
        ),
        Column(
            "graph",
            "Graf",
            "Graph",
            "facts (fakta fra kilden, standard) eller mappings (redaktionelle koblinger).",
            "facts (facts from the source, the default) or mappings (editorial mappings).",
            "graph",
            vocab="graph",
            width=12,
        ),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (
    ORGANISATIONS,
    PARTNERSHIPS,
    AGREEMENTS,
    THEMES,
    SCHEMES,
    FORUMS,
    MEMBERS,
    DECISIONS,
    DOCUMENTS,
    IDENTIFIERS,
    EXTRA,
)
"""The sheets in workbook order (the guide comes first, the hidden lists last)."""

ROW_SHEETS = SHEETS[:-1]
"""The sheets whose rows are things with ids."""


def sheet_by_key(key: str) -> SheetSpec:
    for sheet in SHEETS:
        if sheet.key == key:
            return sheet
    raise KeyError(key)


def target_names(targets: tuple[str, ...], lang: str) -> str:
    """The sheets a reference column points to, in words ("Temaer (samarbejdstype)")."""
    from partnergraph.authoring.sheets.vocab import ROW_KINDS

    names: list[str] = []
    for target in targets:
        if target == "*":
            return "et vilkårligt ark" if lang != "en" else "any sheet"
        key, _, kind = target.partition(":")
        name = sheet_by_key(key).name(lang)
        if kind:
            for kinds in ROW_KINDS.values():
                for value, da, en in kinds[2]:
                    if value == kind:
                        name += f" ({en if lang == 'en' else da})"
        names.append(name)
    joiner = " or " if lang == "en" else " eller "
    return joiner.join(names)
