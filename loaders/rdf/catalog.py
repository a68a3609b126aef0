"""The corpus catalog: which texts are sources, what they say about themselves, and their checksums.

`sources/catalog.ttl` describes each text file beside it (`a ag:Source`). Evidence offsets point
into the exact decoded text of a file, so a file that changes under its catalogued checksum
would silently move every offset; `load_catalog` refuses it instead.

Text is read as bytes and decoded as strict UTF-8, never through text mode: nothing is stripped
or translated ("\\r\\n" stays two characters), so Python str offsets count in the file's exact
text. A UTF-8 byte order mark is kept as the character U+FEFF at offset 0 (offsets stay those
of the file) and is listed as a skipped range so extraction ignores it.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import rdflib

from loaders.errors import InputError, ParseError
from loaders.model import Article, slugify
from loaders.paths import CATALOG_FILE
from loaders.rdf import catalog_edit
from ontology import terms
from ontology.terms import DCTERMS_IDENTIFIER, DCTERMS_TITLE, OA_END, OA_START, RDF_TYPE

MAX_BYTES = 20 * 1024 * 1024  # an article of 10 MB must work; 20 MB is surely not an article
BOM = "\ufeff"

SHA256 = ox.NamedNode(terms.AG + "sha256")

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_Node = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_Graph = dict[_Node, dict[ox.NamedNode, list[_Node]]]


def read_article(path: str | Path, article_id: str | None = None) -> Article:
    """Read any plain-text article; the id defaults to the file stem (slugified if it must be).

    Raises InputError for a missing, empty, binary, non-UTF-8 or oversized file.
    """
    path = Path(path)
    if article_id is None:
        article_id = path.stem if _ID.match(path.stem) else slugify(path.stem)
    elif not _ID.match(article_id):
        raise InputError(f"{path}: article id {article_id!r} is not usable in an IRI "
                         "(use letters, digits, '.', '_' and '-')")
    text = decode_text(read_bytes(path), path)
    return Article(id=article_id, text=text, skip=_bom_skip(text))


def source_text(path: Path) -> str:
    """A text file as it is written: its UTF-8 bytes decoded, CR LF included. `Path.read_text`
    makes line ends LF, which shifts every evidence offset after one and rewrites every line
    end of a catalog that is edited in place."""
    return path.read_bytes().decode("utf-8")


def with_entries(text: str, turtle: str) -> str:
    """The catalog `text` with entries appended after one blank line, written with the line
    ends the file already uses (CR LF for a catalog saved on Windows)."""
    end = "\r\n" if "\r\n" in text else "\n"
    return text.rstrip("\r\n") + end + end + in_line_ends(turtle, text)


def in_line_ends(turtle: str, text: str) -> str:
    """Serialized Turtle (LF) written with the line ends of the catalog `text`."""
    return turtle.replace("\n", "\r\n") if "\r\n" in text else turtle


def read_bytes(path: Path) -> bytes:
    """The bytes of a text file, refusing what cannot be an article before reading it all."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a text file")
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is {size:,} bytes, over the limit of "
                             f"{MAX_BYTES:,} bytes for one article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read file: {e.strerror or e}") from None
    if not data:
        raise InputError(f"{path}: file is empty (0 bytes), there is no text to read")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Strict UTF-8; a NUL byte means a binary (or UTF-16) file, not text."""
    nul = data.find(b"\x00")
    if nul >= 0:
        hint = " (it looks like UTF-16; save it as UTF-8)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise InputError(f"{path}: binary file, not text: NUL byte at byte offset {nul}{hint}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{path}: not UTF-8 text: invalid byte 0x{data[e.start]:02x} at byte "
                         f"offset {e.start} (line {line}); save the file as UTF-8") from None
    if not text.removeprefix(BOM).strip():
        raise InputError(f"{path}: file holds only whitespace, there is no text to read")
    return text


def _bom_skip(text: str) -> tuple[tuple[int, int], ...]:
    return ((0, 1),) if text.startswith(BOM) else ()


def catalog_quads(path: str | Path = CATALOG_FILE) -> list[ox.Quad]:
    """The catalog's triples, all in the catalog's named graph, ready to load into the store.

    Blank nodes (the boilerplate selectors) get ids derived from what points at them and what
    they hold, so every build of the same catalog gives the same quads and dumps diff cleanly.
    """
    quads = _parse(Path(path))
    names = _stable_blank_nodes(quads)

    result = []
    for q in quads:
        s = names[q.subject] if isinstance(q.subject, ox.BlankNode) else q.subject
        o = names[q.object] if isinstance(q.object, ox.BlankNode) else q.object
        result.append(ox.Quad(s, q.predicate, o, terms.CATALOG_GRAPH))
    return result


def _stable_blank_nodes(quads: list[ox.Quad]) -> dict[ox.BlankNode, ox.BlankNode]:
    """One level deep, which is all the catalog uses: a selector inside a source."""
    about: dict[ox.BlankNode, list[str]] = defaultdict(list)
    for q in quads:
        if isinstance(q.object, ox.BlankNode):
            about[q.object].append(f"{q.subject} {q.predicate}")
        if isinstance(q.subject, ox.BlankNode):
            about[q.subject].append(f"{q.predicate} {q.object}")
    return {node: ox.BlankNode("c" + hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:32])
            for node, lines in about.items()}


def load_catalog(path: str | Path = CATALOG_FILE) -> list[Article]:
    """Every catalogued source, sorted by id, its text verified against its sha256.

    Raises ParseError for Turtle that does not parse and InputError for a changed text, a missing
    file or an incomplete entry, naming the file.
    """
    path = Path(path)
    by_subject: _Graph = defaultdict(lambda: defaultdict(list))
    for quad in _parse(path):
        by_subject[quad.subject][quad.predicate].append(quad.object)
    sources = [s for s, props in by_subject.items() if terms.Source in props.get(RDF_TYPE, [])]
    # The IRI is derived from the identifier (checked in _article), so ids are unique.
    return sorted((_article(path, s, by_subject) for s in sources), key=lambda a: a.id)


def _parse(path: Path) -> list[ox.Quad]:
    try:
        return list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    except SyntaxError as e:
        raise ParseError.from_syntax_error(e, str(path)) from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such catalog file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read catalog: {e.strerror or e}") from None


def _article(catalog: Path, subject: _Node, graph: _Graph) -> Article:
    props = graph[subject]
    article_id = _one(catalog, subject, props, DCTERMS_IDENTIFIER)
    file_name = _one(catalog, subject, props, terms.textFile)
    expected = _one(catalog, subject, props, SHA256).lower()
    where = f"{catalog}: source {subject}"
    if not _ID.match(article_id) or subject != terms.source(article_id):
        raise InputError(f"{where}: IRI and dcterms:identifier {article_id!r} disagree "
                         f"(expected {terms.source(article_id)})")
    if Path(file_name).name != file_name or Path(file_name).stem != article_id:
        raise InputError(f"{where}: ag:textFile {file_name!r} must be '{article_id}.txt' beside the catalog")
    text_path = catalog.parent / file_name
    data = read_bytes(text_path)
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise InputError(f"{text_path}: text changed since it was catalogued: sha256 is {actual}, "
                         f"{catalog.name} records {expected}; evidence offsets would no longer hold")
    text = decode_text(data, text_path)
    skip = sorted(set(_bom_skip(text)) | {_range(where, text, node, graph) for node in props.get(terms.boilerplate, [])})
    titles = sorted(t.value for t in props.get(DCTERMS_TITLE, []) if isinstance(t, ox.Literal))
    return Article(id=article_id, text=text, skip=tuple(skip), title=titles[0] if titles else None)


def _one(catalog: Path, subject: _Node, props: dict[ox.NamedNode, list[_Node]],
         predicate: ox.NamedNode) -> str:
    values = props.get(predicate, [])
    if len(values) != 1 or not isinstance(values[0], ox.Literal):
        raise InputError(f"{catalog}: source {subject} needs exactly one literal {predicate} "
                         f"(found {len(values)})")
    return values[0].value


def _literal(node: _Node) -> str:
    if not isinstance(node, ox.Literal):
        raise ValueError(f"not a literal: {node}")
    return node.value


def _range(where: str, text: str, node: _Node, graph: _Graph) -> tuple[int, int]:
    """One boilerplate selector as (start, end), checked to lie inside the text."""
    props = graph.get(node, {})
    try:
        start, end = (int(_literal(props[p][0])) for p in (OA_START, OA_END))
    except (KeyError, IndexError, ValueError):
        raise InputError(f"{where}: ag:boilerplate needs integer oa:start and oa:end") from None
    if not 0 <= start < end <= len(text):
        raise InputError(f"{where}: ag:boilerplate range {start}..{end} is not inside the text "
                         f"({len(text)} characters)")
    return start, end


# ---------------------------------------------------------------------------- writing entries

# Whole lines that are a web page's furniture, not the article (sources/README.md lists them).
_BOILERPLATE = re.compile(
    r"^(?:skip to (?:main )?content|top of page|bottom of page|related(?: articles| posts)?|"
    r"up next|keep reading|read more|advertisement|share(?: this(?: article| story)?)?|"
    r"sign up for (?:the |our )?.{0,60}newsletter|subscribe(?: now| to .{0,60})?|"
    r"a weekly newsletter featuring .{0,80}|follow us on .{0,60}|"
    r"(?:leave|post) a comment|comments are closed\.?|all rights reserved\.?|"
    r"©.{0,80}|copyright ©?.{0,80})$", re.I)


@dataclass(frozen=True)
class SourceMeta:
    """What a person says about a text when adding it; None means unknown, and stays out."""

    title: str | None = None
    creator: str | None = None
    publisher: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None


def detect_boilerplate(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every whole line that is page furniture, without its line break."""
    ranges = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped and _BOILERPLATE.match(stripped):
            start = pos + body.index(stripped)
            ranges.append((start, start + len(stripped)))
        pos += len(line)
    return ranges


def entry_graph(article_id: str, data: bytes, text: str, meta: SourceMeta) -> rdflib.Graph:
    """The catalog entry of one text as an RDF graph (never pasted strings), checked first.

    Raises InputError for an id not usable in an IRI, a malformed date or URL.
    """
    if not _ID.match(article_id):
        raise InputError(f"article id {article_id!r} is not usable in an IRI "
                         "(use letters, digits, '.', '_' and '-')")
    g = _bound_graph()
    subject = rdflib.URIRef(terms.source(article_id).value)
    add = g.add
    add((subject, rdflib.RDF.type, rdflib.URIRef(terms.Source.value)))
    add((subject, _ref(DCTERMS_IDENTIFIER), rdflib.Literal(article_id)))
    add((subject, _ref(terms.textFile), rdflib.Literal(f"{article_id}.txt")))
    add((subject, _ref(SHA256), rdflib.Literal(hashlib.sha256(data).hexdigest())))
    add((subject, rdflib.DCTERMS.format, rdflib.Literal("text/plain")))
    add((subject, rdflib.DCTERMS.language, rdflib.Literal("en")))
    for prop, value in ((DCTERMS_TITLE, meta.title), (terms.DCTERMS_CREATOR, meta.creator),
                        (terms.DCTERMS_PUBLISHER, meta.publisher)):
        if value:
            add((subject, _ref(prop), rdflib.Literal(value)))
    if meta.date:
        add((subject, rdflib.DCTERMS.date, rdflib.Literal(_date(meta.date), datatype=rdflib.XSD.date)))
    if meta.url:
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", meta.url):
            raise InputError(f"--url {meta.url!r}: not an http(s) URL")
        add((subject, _ref(terms.DCTERMS_SOURCE), rdflib.URIRef(meta.url)))
    prefix = "s" + hashlib.sha256(article_id.encode()).hexdigest()[:16]  # unique per entry
    for i, (start, end) in enumerate(detect_boilerplate(text)):
        node = rdflib.BNode(f"{prefix}b{i}")
        add((subject, _ref(terms.boilerplate), node))
        add((node, rdflib.RDF.type, rdflib.URIRef(terms.OA + "TextPositionSelector")))
        add((node, _ref(OA_START), rdflib.Literal(start)))
        add((node, _ref(OA_END), rdflib.Literal(end)))
    return g


def entry_turtle(graph: rdflib.Graph) -> str:
    """Turtle for catalog entries (rdflib nests each selector inside its source)."""
    return graph.serialize(format="turtle")


def catalog_without(path: Path, ids: set[str]) -> str:
    """The catalog without the entries of `ids` (and their selectors), for `remove`: only
    those entries are cut out, every other byte stays (`catalog_edit`)."""
    edited = catalog_edit.edit(source_text(path), dict.fromkeys(ids, ""),
                               _without(_parse(path), ids))
    return edited if edited is not None else _reserialized_without(path, ids)


def catalog_replacing(path: Path, entries: dict[str, rdflib.Graph]) -> str:
    """The catalog with the entries of these ids replaced where they stand, each serialized
    by rdflib; every other byte stays (`catalog_edit`). For `add --replace`."""
    text = source_text(path)
    turtle = {i: entry_turtle(g) for i, g in entries.items()}
    expected = _without(_parse(path), set(entries))
    for t in turtle.values():
        expected += ox.parse(t, format=ox.RdfFormat.TURTLE)
    edited = catalog_edit.edit(text, {i: in_line_ends(catalog_edit.entry_text(t, text), text)
                                      for i, t in turtle.items()}, expected)
    if edited is not None:
        return edited
    return with_entries(_reserialized_without(path, set(entries)), "".join(turtle.values()))


def _without(quads: list[ox.Quad], ids: set[str]) -> list[ox.Quad]:
    sources = {terms.source(i) for i in ids}
    selectors = {q.object for q in quads if q.subject in sources and q.predicate == terms.boilerplate}
    return [q for q in quads if q.subject not in sources and q.subject not in selectors]


def _reserialized_without(path: Path, ids: set[str]) -> str:
    """The whole catalog re-serialized without the entries of `ids`: the fallback when an
    entry is written in a way `catalog_edit` does not follow. The leading comment block is
    kept, comments inside the file are not (Turtle parsers drop them)."""
    graph = _bound_graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises assorted errors; pyoxigraph gives line:column
        _parse(path)
        raise InputError(f"{path}: cannot read catalog: {e}") from None
    for article_id in ids:
        subject = rdflib.URIRef(terms.source(article_id).value)
        for node in list(graph.objects(subject, _ref(terms.boilerplate))):
            graph.remove((node, None, None))
        graph.remove((subject, None, None))
    header = []
    written = source_text(path)
    for line in written.splitlines():
        if not line.startswith("#"):
            break
        header.append(line + "\n")
    return in_line_ends("".join(header) + ("\n" if header else "") + entry_turtle(graph), written)


def catalog_checksums(path: Path) -> dict[str, str]:
    """id -> recorded sha256 of every catalogued source, without reading the texts."""
    by_subject: _Graph = defaultdict(lambda: defaultdict(list))
    for quad in _parse(path):
        by_subject[quad.subject][quad.predicate].append(quad.object)
    found = {}
    for props in by_subject.values():
        if terms.Source in props.get(RDF_TYPE, []):
            ids, sums = props.get(DCTERMS_IDENTIFIER, []), props.get(SHA256, [])
            if ids and isinstance(ids[0], ox.Literal):
                found[ids[0].value] = sums[0].value if sums and isinstance(sums[0], ox.Literal) else ""
    return found


def empty_catalog() -> str:
    """The catalog of a new project: the prefixes, no sources."""
    return ("# AllianceGraph catalog: one ag:Source per text file in this folder, written by\n"
            "# `alliancegraph add` (see the project's README for the properties).\n\n"
            + entry_turtle(_bound_graph()))


def _bound_graph() -> rdflib.Graph:
    g = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in (("ag", terms.AG), ("dcterms", terms.DCTERMS), ("oa", terms.OA),
                        ("xsd", str(rdflib.XSD))):
        g.bind(prefix, rdflib.Namespace(iri))
    return g


def _ref(node: ox.NamedNode) -> rdflib.URIRef:
    return rdflib.URIRef(node.value)


def _date(value: str) -> str:
    try:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"--date {value!r}: not a date as YYYY-MM-DD") from None
