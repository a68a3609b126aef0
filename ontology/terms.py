"""IRIs of the vocabulary contract as closed constants (like rdflib's `namespace/_OWL.py`).

A test checks that every `ag:` constant here is declared in `alliancegraph.ttl` with an
`rdfs:label`. Add a term to the ontology first, then here.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

BASE = "https://w3id.org/alliancegraph/"
AG = BASE + "ontology#"
ONTOLOGY = NamedNode(BASE + "ontology")
ID = BASE + "id/"
SOURCE = BASE + "source/"
GRAPH = BASE + "graph/"
CLAIM = BASE + "claim/"
EVIDENCE = BASE + "evidence/"
ACTIVITY = BASE + "activity/"
CURATOR = BASE + "curator/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"
WD = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "ag": AG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "prov": PROV,
    "dcterms": DCTERMS, "oa": OA, "org": ORG, "foaf": FOAF, "schema": SCHEMA, "void": VOID,
    "wd": WD, "agid": ID, "agsrc": SOURCE, "agclaim": CLAIM, "agev": EVIDENCE,
}

# Named graphs that are not a source's.
ONTOLOGY_GRAPH = NamedNode(GRAPH + "ontology")
CATALOG_GRAPH = NamedNode(GRAPH + "catalog")
INFERRED_GRAPH = NamedNode(GRAPH + "inferred")
CURATION_GRAPH = NamedNode(GRAPH + "curation")
VOID_GRAPH = NamedNode(GRAPH + "void")
REPORT_GRAPH = NamedNode(GRAPH + "report")  # SHACL/consistency report of a --allow-invalid build

# The dataset as a whole (VoID) and its endpoint.
DATASET = NamedNode(BASE + "dataset")
SPARQL_ENDPOINT = NamedNode(BASE + "sparql")
DATA_LICENSE = NamedNode("https://creativecommons.org/licenses/by/4.0/")

# Terms of the standard vocabularies that the code writes or reads (upper case: not ag:).
RDF_TYPE = NamedNode(RDF + "type")
RDF_SUBJECT = NamedNode(RDF + "subject")
RDF_PREDICATE = NamedNode(RDF + "predicate")
RDF_OBJECT = NamedNode(RDF + "object")
RDFS_LABEL = NamedNode(RDFS + "label")
RDFS_SUBCLASSOF = NamedNode(RDFS + "subClassOf")
RDFS_SUBPROPERTYOF = NamedNode(RDFS + "subPropertyOf")
RDFS_DOMAIN = NamedNode(RDFS + "domain")
RDFS_RANGE = NamedNode(RDFS + "range")
RDFS_DATATYPE = NamedNode(RDFS + "Datatype")
OWL_SAMEAS = NamedNode(OWL + "sameAs")
OWL_INVERSEOF = NamedNode(OWL + "inverseOf")
OWL_SYMMETRIC = NamedNode(OWL + "SymmetricProperty")
OWL_OBJECTPROPERTY = NamedNode(OWL + "ObjectProperty")
OWL_THING = NamedNode(OWL + "Thing")
OWL_NOTHING = NamedNode(OWL + "Nothing")
OWL_EQUIVALENTCLASS = NamedNode(OWL + "equivalentClass")
OWL_EQUIVALENTPROPERTY = NamedNode(OWL + "equivalentProperty")
SKOS_ALTLABEL = NamedNode(SKOS + "altLabel")
PROV_DERIVED = NamedNode(PROV + "wasDerivedFrom")
PROV_GENERATED = NamedNode(PROV + "wasGeneratedBy")
PROV_USED = NamedNode(PROV + "used")
PROV_ACTIVITY = NamedNode(PROV + "Activity")
PROV_AGENT = NamedNode(PROV + "Agent")
PROV_ASSOCIATED = NamedNode(PROV + "wasAssociatedWith")
PROV_ENDED = NamedNode(PROV + "endedAtTime")
PROV_REVISION = NamedNode(PROV + "wasRevisionOf")
RDFS_COMMENT = NamedNode(RDFS + "comment")
DCTERMS_ISREPLACEDBY = NamedNode(DCTERMS + "isReplacedBy")
SCHEMA_SOFTWAREVERSION = NamedNode(SCHEMA + "softwareVersion")
DCTERMS_IDENTIFIER = NamedNode(DCTERMS + "identifier")
DCTERMS_TITLE = NamedNode(DCTERMS + "title")
DCTERMS_CREATOR = NamedNode(DCTERMS + "creator")
DCTERMS_PUBLISHER = NamedNode(DCTERMS + "publisher")
DCTERMS_DATE = NamedNode(DCTERMS + "date")
DCTERMS_LANGUAGE = NamedNode(DCTERMS + "language")
DCTERMS_SOURCE = NamedNode(DCTERMS + "source")  # the page a source's text was copied from
OA_EXACT = NamedNode(OA + "exact")
OA_START = NamedNode(OA + "start")
OA_END = NamedNode(OA + "end")
OA_TEXTQUOTESELECTOR = NamedNode(OA + "TextQuoteSelector")
OA_TEXTPOSITIONSELECTOR = NamedNode(OA + "TextPositionSelector")
XSD_INTEGER = NamedNode(XSD + "integer")
XSD_DECIMAL = NamedNode(XSD + "decimal")
XSD_DATETIME = NamedNode(XSD + "dateTime")

# Classes
Country = NamedNode(AG + "Country")
InternationalOrganisation = NamedNode(AG + "InternationalOrganisation")
Person = NamedNode(AG + "Person")
Alliance = NamedNode(AG + "Alliance")
Partnership = NamedNode(AG + "Partnership")
Programme = NamedNode(AG + "Programme")
Dispute = NamedNode(AG + "Dispute")
Statement = NamedNode(AG + "Statement")
Event = NamedNode(AG + "Event")
Place = NamedNode(AG + "Place")
Source = NamedNode(AG + "Source")
Claim = NamedNode(AG + "Claim")
Actor = NamedNode(AG + "Actor")  # superclass of Country, Organisation, Person
Organisation = NamedNode(AG + "Organisation")  # superclass of the three organisation kinds
Mission = NamedNode(AG + "Mission")  # a Programme
Operation = NamedNode(AG + "Operation")  # a Programme
Evidence = NamedNode(AG + "Evidence")  # the range of ag:evidence (oa: selectors)
Stance = NamedNode(AG + "Stance")
ReviewStatus = NamedNode(AG + "ReviewStatus")

# Relations
memberOf = NamedNode(AG + "memberOf")
hasMember = NamedNode(AG + "hasMember")
partnerOf = NamedNode(AG + "partnerOf")
hasPartner = NamedNode(AG + "hasPartner")
participatesIn = NamedNode(AG + "participatesIn")
hasParticipant = NamedNode(AG + "hasParticipant")
partyTo = NamedNode(AG + "partyTo")
hasParty = NamedNode(AG + "hasParty")
concernsTerritory = NamedNode(AG + "concernsTerritory")
supports = NamedNode(AG + "supports")
opposes = NamedNode(AG + "opposes")
locatedIn = NamedNode(AG + "locatedIn")
holdsOffice = NamedNode(AG + "holdsOffice")  # person -> country or organisation (org:holds/org:postIn)
# Inverses not named in DESIGN.md (partnerOf is symmetric, its own inverse).
partnerIn = NamedNode(AG + "partnerIn")  # inverse of hasPartner
disputedIn = NamedNode(AG + "disputedIn")  # inverse of concernsTerritory
supportedBy = NamedNode(AG + "supportedBy")
opposedBy = NamedNode(AG + "opposedBy")
locationOf = NamedNode(AG + "locationOf")
officeHeldBy = NamedNode(AG + "officeHeldBy")

# Statements
speaker = NamedNode(AG + "speaker")
quote = NamedNode(AG + "quote")
about = NamedNode(AG + "about")
stance = NamedNode(AG + "stance")
Supportive = NamedNode(AG + "Supportive")
Opposed = NamedNode(AG + "Opposed")
Neutral = NamedNode(AG + "Neutral")

# Provenance
evidence = NamedNode(AG + "evidence")
reviewStatus = NamedNode(AG + "reviewStatus")
confidence = NamedNode(AG + "confidence")
Unreviewed = NamedNode(AG + "Unreviewed")
Accepted = NamedNode(AG + "Accepted")
Rejected = NamedNode(AG + "Rejected")

# Catalog
sha256 = NamedNode(AG + "sha256")
textFile = NamedNode(AG + "textFile")
boilerplate = NamedNode(AG + "boilerplate")

_LOCAL_NAME = re.compile(r"[\w.-]*")
# Longest namespace first, so agid: wins over a shorter prefix of the same IRI.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def curie(iri: str) -> str:
    """A readable name for an IRI: `ag:Country`, `agid:japan`, else `<iri>`.

    >>> curie(AG + "Country"), curie("http://example.org/x")
    ('ag:Country', '<http://example.org/x>')
    """
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and _LOCAL_NAME.fullmatch(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    """Whether `text` can end an entity IRI: lower-case ASCII words joined by hyphens."""
    return _SLUG.fullmatch(text) is not None


def entity(slug: str) -> NamedNode:
    """The IRI of an entity; slugs are lower-case words joined by hyphens."""
    if not is_slug(slug):
        raise ValueError(f"not a slug: {slug!r}")
    return NamedNode(ID + slug)


def source(article_id: str) -> NamedNode:
    """The IRI of a source (its `dcterms:identifier` is the corpus file's stem)."""
    return NamedNode(SOURCE + article_id)


def graph(article_id: str) -> NamedNode:
    """The named graph holding one source's assertions, claims and evidence."""
    return NamedNode(GRAPH + article_id)
