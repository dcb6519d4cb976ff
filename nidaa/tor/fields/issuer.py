"""The organisation that publishes the call, read by rules in order (``RULES``, most telling
first): cues and labels, letterheads, "X recrute" / "X is seeking" / "تعلن ... عن", job boards'
titles, Arabic headlines, signatures, the submission address's domain, and last the organisation
the text names most; a partner or funder is never taken. Acronyms are expanded from their
definition in the text. What a name looks like is in ``org_names``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nidaa.folding import ARABIC_BLOCK
from nidaa.tor.fields.common import EMAIL, PARTNER_CUES, Doc, Span, kv_lines
from nidaa.tor.fields.locations import is_country
from nidaa.tor.fields.org_names import (
    ACRONYM_TAIL,
    AR_NAME,
    AR_VERBS,
    NAME,
    after_partner_cue,
    arabic_name,
    defined_acronyms,
    in_partner_clause,
    org_line,
    spelled_out,
)
from nidaa.tor.text import arabic_share, fold, kw, tidy

WEBMAIL = {
    "gmail",
    "googlemail",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "msn",
    "gmx",
    "aol",
    "icloud",
    "me",
    "protonmail",
    "proton",
    "yandex",
    "mail",
    "menara",
    "example",
    "laposte",
    "orange",
    "free",
    "wanadoo",
}


_ACRONYM = re.compile(r"\A[A-Z][A-Z0-9&\-]{1,9}\Z")


_NAME_WORD = r"(?:(?:[dlDL]['’])?[A-ZÀ-Ý][\w'’\-]{0,30}|de|des|du|d'|la|le|les|l'|pour|et|of|the|for|and|en|au|aux|sans|à)"


_NOT_NAME_START = {
    "présentation",
    "presentation",
    "la",
    "le",
    "les",
    "l'",
    "de",
    "du",
    "des",
    "a",
    "à",
    "about",
}


def _before_acronym(doc: Doc, acronym: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` (a name, then the acronym in parentheses or after a dash), as a scan of
    the whole text finds them, trying the name only on the line before each place the acronym stands
    (a name is at most thirteen words): not at every position of the text."""
    text = doc.masked
    done = 0
    for seen in re.finditer(rf"(?:\([ \t]*|[–\-][ \t]*){re.escape(acronym)}", text):
        if seen.end() <= done:
            continue
        lo = max(done, doc.line_bounds(seen.start())[0], seen.start() - 500)
        for match in pattern.finditer(text, lo, min(len(text), seen.end() + 40)):
            if match.start() >= seen.end():
                break
            done = match.end()
            yield match


def _expand_acronym(doc: Doc, acronym: str) -> str | None:
    """ "OMP" -> "Observatoire Marocain des Prisons (OMP)" when the text defines it."""
    pattern = re.compile(
        rf"((?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD})){{0,12}})[ \t]*(?:\([ \t]*{re.escape(acronym)}[ \t]*\)|[–\-][ \t]*{re.escape(acronym)}\b)"
    )
    for match in _before_acronym(doc, acronym, pattern):
        words = match.group(1).split()
        while words and (not words[0][:1].isupper() or words[0].lower() in _NOT_NAME_START):
            words.pop(0)
        if words and re.match(r"[LlDd]['’]", words[0]):
            words[0] = words[0][2:]
        if len(words) >= 2:
            return f"{' '.join(words)} ({acronym})"
    return None


_ORG_TAIL = re.compile(
    r"\s+(?:dans le cadre|pour(?!\s+(?:le |la |l'|les )?[A-ZÀ-Ý])|afin|en partenariat|avec|qui|dont|sur|in the framework|within|to|for(?!\s+(?:the )?[A-Z])|with|that|who|في إطار|من أجل|عن|ب)\b.*\Z",
    re.S,
)


# A table cell or a labelled value is the name alone: only a clause cuts it, not
# "pour"/"for", which name many organisations ("Association X pour le développement local").
_CELL_TAIL = re.compile(
    r"\s+(?:dans le cadre|afin|en partenariat|avec le soutien|qui|dont|in the framework|within|that|who|في إطار|من أجل)\b.*\Z",
    re.S,
)


# "Le Président de la Commune de X lance ...", "The Director of X invites ...": the one who signs
# speaks for the organisation, which is the name.
_OFFICER = re.compile(
    r"\A(?:(?:Monsieur|Madame|M\.|Mme)\s+)?(?:l['’]|la\s+|le\s+|the\s+)?(?:Président|Présidente|Directeur|Directrice|"
    r"Maire|Gouverneur|Wali|Doyen|Recteur|Director|President|Chair(?:man|person)?|Mayor|Dean|Rector)"
    r"(?:\s+(?:g[ée]n[ée]ral(?:e)?|ex[ée]cuti(?:f|ve)|provincial(?:e)?|r[ée]gional(?:e)?|national(?:e)?|general|executive|country))*"
    r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|of\s+the\s+|of\s+)(?=[A-ZÀ-Ý])",
    re.I,
)


def _org_name(raw: str, *, cell: bool = False) -> str:
    name = tidy(raw.split("\n")[0])
    name = (_CELL_TAIL if cell else _ORG_TAIL).sub("", name)
    name = re.split(r"[,;:.](?:\s|\Z)", name)[0]
    name = re.sub(r"\A(?:l['’]|la |le |les |the |an |a )", "", name, flags=re.I).strip(" -–")
    name = _OFFICER.sub("", name)
    return name[:1].upper() + name[1:] if name else name


def _as_written_later(doc: Doc, line: str, start: int) -> tuple[str, Span]:
    key = fold(line)
    found = doc.folded.find(key, start + len(line))
    while found != -1 and doc.masked[found : found + len(line)].isupper():
        found = doc.folded.find(key, found + len(line))
    if found == -1:
        return line, (start, start + len(line))
    end = found + len(line)
    acronym = re.match(r"\s*\([A-Z][\w\-]{1,10}\)", doc.masked[end : end + 16])
    if acronym:
        end += acronym.end()
    return doc.masked[found:end].strip(), (found, end)


def _head_lines(doc: Doc, count: int) -> list[tuple[int, str]]:
    """The first ``count`` non-empty lines (offset, stripped text): the letterhead."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n]+", doc.masked[:3000]):
        line = match.group(0).strip()
        if line and not line.startswith("[image"):
            out.append((match.start() + len(match.group(0)) - len(match.group(0).lstrip()), line))
            if len(out) >= count:
                break
    return out


_ISSUER_CUES = re.compile(
    kw(
        r"lance par",
        r"lancee par",
        r"publie par",
        r"emis par",
        r"issued by",
        r"launched by",
        r"commanditaire",
        r"organisme",
        r"maitre d'ouvrage",
        r"pour le compte (?:de|du|des)",
        r"on behalf of",
    )
)


_ISSUER_KEYS = re.compile(
    kw(
        r"operateur",
        r"organisation",
        r"organization",
        r"organisme",
        r"commanditaire",
        r"maitre d'ouvrage",
        r"client",
        r"employer",
        r"employeur",
        r"issuer",
        r"contracting authority",
        r"contracting entity",
        r"entite contractante",
        r"autorite contractante",
        r"pouvoir adjudicateur",
        r"hiring organi[sz]ation",
        r"(?:nom de )?(?:l'organisation|la structure|l'association)\s*\Z",
        r"organi[sz]ation name",
        r"name of (?:the )?organi[sz]ation",
        r"posted by",
        r"company\s*\Z",
        r"entreprise\s*\Z",
        r"structure\s*\Z",
        r"recruteur",
        r"recruiter",
        r"agency\s*\Z",
        r"agence\s*\Z",
        r"الجهة",
        r"صاحب المشروع",
        r"اسم (?:الجمعية|المنظمة|المؤسسة|الهيئة)",
        r"(?:الجمعية|المنظمة|المؤسسة|الإدارة|المشغل)\s*\Z",
        r"(?:الإدارة|المؤسسة|الهيئة|الجهة) (?:المنظمة|المشغلة|المعنية|المتعاقدة)\s*\Z",
        r"(?:الشركة|المشغل|المشغلة)\s*\Z",
    )
)


# The verbs that say the organisation before them issues the call ("X recrute", "X is seeking").
_VERBS = (
    r"(?:(?:is|are)[ \t]+(?:currently|now)[ \t]+(?:seeking|recruiting|hiring|looking|accepting|inviting|soliciting)|(?:est|sont)[ \t]+(?:actuellement[ \t]+)?à[ \t]+la[ \t]+recherche|has launched|recrute|recherche|cherche|sollicite|lance|a lancé|informe|is implementing|is pleased to|est (?:heureux|heureuse|ravie?) de|a le plaisir|is inviting|is launching|launche[sd]|se propose|souhaite (?:recruter|s'attacher|s'adjoindre|engager|confier|contracter|mobiliser|retenir|faire appel|lancer|bénéficier)|envisage|compte (?:recruter|engager|faire appel)|désire|voudrait|invitent|invite|organise(?:ra)? (?:un|le) concours|is hiring|is seeking|seeks|is looking|invites|is recruiting|is soliciting|solicits|is requesting|requests|would like|requires|is calling|calls for|is searching|wishes|intends|announces|annonce|organise un appel"
    r"|a besoin|needs|is in need of|publie|porte à la connaissance|fait appel|ouvre|procède|procédera|entend recruter"
    r"|prévoit de recruter|is opening|opens|is offering|has an opening|welcomes applications|is accepting|accepts applications"
    r"|met en (?:œ|oe)uvre|implements"
    r"|vient de lancer|a décidé de (?:recruter|lancer|faire appel|engager)|has decided to (?:hire|recruit|engage|launch|contract)"
    r"|is issuing|issues this|hereby invites|par la présente,? invite"
    r"|(?:est|is)\s+(?:une?|an?)\s+(?:[\w\-]{1,30},?\s+){0,4}?(?:association|organisation|organization|ONG|NGO|fondation|foundation|non-profit|réseau|network|agence|agency|organisme|institution|institute|institut|charity|coopérative|cooperative|entreprise|company|plateforme|platform|collectif|collective|fédération|federation|union|consortium|think tank|observatoire|observatory))\b"
)
# A word of the name: capitalised, or a small word between two capitalised ones, or the lowercase
# adjectives and divisions of an administration's name ("Délégation provinciale de la Santé",
# "Centre Régional d'Investissement de la région Souss-Massa").
_VERB_NAME_WORD = (
    r"(?:(?:[dlDL]['’])?[A-ZÀ-Ý](?:[\w'’&\-]|\.(?=\w)){0,30}|de|des|du|d'|pour|et|of|the|for|and|la|le|les|aux|au|l'|in|en|&"
    r"|provincial(?:e|es|s)?|r[ée]gional(?:e|es)?|national(?:e|es)?|pr[ée]fectoral(?:e|es)?|communal(?:e|es)?"
    r"|territorial(?:e|es)?|g[ée]n[ée]ral(?:e|es)?|r[ée]gion|province|pr[ée]fecture|commune|ville)"
)
_ISSUER_VERB = re.compile(
    # a name starts at a word's start (inside a long run of capitals no position is tried twice)
    r"(?<![^\W\d_])(?P<org>(?:[A-ZÀ-Ý](?:[\w'’&\-]|\.(?=\w)){0,30})(?:[ \t]+" + _VERB_NAME_WORD + r"){0,10}"
    r"(?:[ \t]*(?P<acronym>\([A-Z][\w\-]{1,10}\)))?)"
    # "X (ACR) Morocco is seeking": the country after the acronym is not the name
    r"(?(acronym)(?:[ \t]+[A-ZÀ-Ý][a-zà-ÿ]{2,20})?)"
    r"(?:[ \t]*«[ \t]*[A-Z]{2,10}[ \t]*»)?(?:(?:[ \t]+[A-Z][a-z]{2,20})?[ \t]+(?:country[ \t]+)?(?:office|bureau|team))?(?:[ \t]*,[^,\n]{3,90},)?[ \t,]+(?:vous[ \t]+)?(?:actuellement[ \t]+)?"
    + _VERBS
)
# Where a verb stands: the name pattern is tried only on the stretch of line before one (a name
# is at most eleven words and a comma clause), not at every capital of the text.
_VERB_AT = re.compile(r"[ \t,]" + _VERBS)  # the space first: the engine skips to spaces, then tries the verbs
_NAME_REACH = 600


_KIND_BEFORE = re.compile(
    r"(?<![\w'’])(?P<kind>(?:association|fondation|organisation|coopérative|fédération|réseau))[ \t]+\Z"
)
# "OIJ (Oxfam in Jordan) is seeking ...": an acronym first, its name in parentheses.
_ACRONYM_FIRST = re.compile(
    r"(?<![\w-])(?P<acronym>[A-Z][A-Za-z]{1,9})[ \t]*\((?P<name>[A-ZÀ-Ý][^()\n]{3,80})\)[ \t]+"
    r"(?:is|est|has|a|invites|recrute|lance|seeks|will)\b"
)


_ORG_AR = (
    r"(?:ال)?(?:جمعية|منظمة|شبكة|مؤسسة|فيدرالية|اتحاد|تعاونية|مركز|مرصد|هيئة|وكالة|مجلس|جماعة|فضاء|رابطة|منتدى|تنسيقية|مجموعة|نادي|"
    r"جمعيه|منظمه|شبكه|مؤسسه|فيدراليه|تعاونيه|هيئه|وكاله|جماعه|رابطه|تنسيقيه|مجموعه)"
)


# "تعلن الكاتبة المغربية للتقاعد (CMR) عن ..." , "يعلن رئيس المجلس الإقليمي للرشيدية، ...":
# whatever the organisation's kind, the announcing verb names it.
_ANNOUNCER_AR = re.compile(
    r"(?:تعلن|يعلن|أعلنت|أعلن|تفتح|يفتح|تنظم|ينظم)\s+(?:رئيس\s+(?=\S*(?:مجلس|المجلس|جماعة|جامعة|جهة)))?"
    r"(?P<org>[^\s،,.()]{2,30}(?:\s[^\s،,.()]{1,30}){0,9}?)(?P<acronym>\s*\([A-Z][A-Za-z\-]{1,10}\))?"
    r"(?=\s*،|\s+(?:رسميا?ً?\s+)?(?:عن|باب)\s)"
)


# The Moroccan public notice: "ينهي المدير العام للوكالة ... إلى علم العموم أنه سينظم مباراة":
# the organisation follows the title of the one who signs it.
_NOTICE_AR = re.compile(
    r"(?:ينهي|تنهي)\s+(?:السيد\s+)?(?:(?:ال)?(?:مدير|رئيس|عميد|والي|عامل|كاتب|مندوب|المندوب)\S*(?:\s+(?:العام|العامة|السامي|الإقليمي|الجهوي))?\s+)?"
    r"(?P<org>[^\s،,.()]{2,30}(?:\s[^\s،,.()]{1,30}){0,9}?)(?P<acronym>\s*\([A-Z][A-Za-z\-]{1,10}\))?\s*،?\s+(?:إلى|الى)\s+علم"
)


# A Moroccan administration's letterhead: "Royaume du Maroc" / "المملكة المغربية", then the
# bodies from the ministry down to the one that issues ("Ministère de l'Intérieur",
# "Province de X", "Commune de Y"): the last of that stack signs the call.
_KINGDOM = re.compile(kw(r"\A(?:[-–•·]\s*)?(?:royaume du maroc|kingdom of morocco|المملكة المغربية)\s*\Z"))
_ADMIN_BODY = re.compile(
    kw(
        r"\A(?:[-–•·]\s*)?(?:(?:la |le |l')?(?:ministere|ministry|province|prefecture|region|commune|conseil|wilaya|"
        r"delegation|direction|haut[- ]commissariat|universite|university|office|agence|secretariat|presidence|"
        r"services? du|tresorerie|caisse|fonds|centre hospitalier)\b|"
        r"(?:ال)?(?:وزارة|مندوبية|عمالة|إقليم|جهة|جماعة|ولاية|جامعة|مديرية|مجلس|وكالة|مؤسسة|كتابة|رئاسة|خزينة|صندوق|مركز)\S*\s)"
    )
)


def _administration(doc: Doc) -> tuple[str, Span] | None:
    """The issuing body of an administration's letterhead, if the text opens with one."""
    lines = _head_lines(doc, 10)
    for index, (_, line) in enumerate(lines):
        if not _KINGDOM.match(fold(line)):
            continue
        body: tuple[str, Span] | None = None
        for start, nxt in lines[index + 1 : index + 6]:
            if not _ADMIN_BODY.match(fold(nxt) + " ") or len(nxt.split()) > 12 or re.search(r"\d", nxt):
                break
            text = re.sub(r"\A[-–•·]\s*", "", nxt)
            body = (text, (start + len(nxt) - len(text), start + len(nxt)))
        return body
    return None


_LETTERHEAD = re.compile(
    r"\A(?:(?:L['’]|La |Le )?(?:Association|Fondation|Réseau|Coopérative|Organisation|Fédération|Union|Collectif|Observatoire|Centre|Network|Foundation|Organization|Organisation|Alliance|Institut|Institute|Agence|Agency)\b|"
    + _ORG_AR
    + r"\s)",
    re.I,
)


_PRESENTATION = re.compile(
    kw(
        r"\A(?:presentation|a propos|about|qui est|نبذة عن|تقديم)\s+(?:de\s+|du\s+|des\s+|d')?(?:l'|la\s+|le\s+|the\s+)?"
    )
)


_IMPLEMENTED = re.compile(
    kw(
        r"mis en (?:œ|o)?uvre par\s+",
        r"mise en (?:œ|o)?uvre par\s+",
        r"implemented by\s+",
        r"porte par\s+",
        r"portee par\s+",
        r"executed by\s+",
    )
)


# "réalisé par un consortium formé par X et Y": the first member leads it.
_CONSORTIUM = re.compile(
    kw(
        r"consortium (?:forme|compose|constitue) (?:par|de)\s+(?:l'|la |le |les )?",
        r"consortium (?:led by|formed by|composed of|of)\s+(?:the )?",
    )
)
# A contact block signed with the organisation: "Contacts :" + name, role, ORGANISATION.
_CONTACT_HEAD = re.compile(kw(r"\A(?:contacts?|personne de contact|contact person|للاتصال)\s*:?\Z"))
_ROLE_WORDS = re.compile(
    kw(
        r"responsable",
        r"manager",
        r"directeur",
        r"directrice",
        r"director",
        r"charge",
        r"coordinat",
        r"officer",
        r"head of",
    )
)
_CONTACT_WORD = re.compile(kw(r"contact", r"للاتصال"))
_PERSON = re.compile(r"\A(?:M\.|Mme|Mr|Ms|Mrs|Dr)?\s*[A-ZÀ-Ý][a-zà-ÿ\-]+\s+[A-ZÀ-Ý][\w\-]+\s*,?\Z")


def _signed_contact(doc: Doc) -> tuple[str, Span] | None:
    """The organisation line of a contact block (name, role, organisation), if any."""
    if not _CONTACT_WORD.search(doc.folded, 0, 4000):
        return None
    lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", doc.masked[:4000])]
    for index, (head_start, head_end, _) in enumerate(lines):
        if not _CONTACT_HEAD.match(doc.folded[head_start:head_end].strip()):
            continue
        for start, end, value in lines[index + 1 : index + 5]:
            folded = doc.folded[start:end].strip()
            if EMAIL.search(folded) or "@" in value or _PERSON.match(value) or _ROLE_WORDS.search(folded):
                continue
            if 1 <= len(value.split()) <= 6 and value[:1].isupper() and not re.search(r"\d", value):
                lead = doc.masked.find(value, start)
                return value.rstrip(" ,."), (lead, lead + len(value.rstrip(" ,.")))
            break
    return None


_NOT_ORG = re.compile(
    kw(
        r"\A(?:(?:un|une|le|la|les|des|a|an|the|projet|programme|project|program|l'appel|la mission|appel|mission|offre|activite|consultant|nous|vous|us|our|notre|nos|we|نحن|المشروع|البرنامج)\b|(?:l')?(?:association|organisation|organization|ong|ngo|fondation|foundation|structure|reseau|network|cooperative|الجمعية|المنظمة|الشبكة|المؤسسة)\s*\Z|(?:role|poste|position|job|emploi|company|entreprise|organisme)\s*\Z"
        # who posted a page on a job board: a site's account, not an organisation
        r"|(?:admin|administrat(?:or|eur)|editor|redaction|webmaster|moderat(?:or|eur)|staff|team|equipe)\s*\Z)"
    )
)


# A web address or a site's name ("Tanmia.ma", "www.emploi.ma", "jobs.example.com"): the job board or
# portal that reposts a call ("Publié par : Tanmia.ma", "Posted by: jobs.ma"), never its issuer.
_WEB_NAME = re.compile(
    r"https?:|www\.|[\w\-]\.(?:com|ma|org|net|info|tn|fr|jo|lb|io|co|dz|eu|be|ch)(?![\w.])", re.I
)


# "UN Women", "ONG X": an acronym opening a name that is not all capitals is no article
_SHOUTED_HEAD = re.compile(r"\A[A-Z]{2,}\s+(?=.*[a-zà-ÿ])")


# A candidate name: the raw text, its span, the confidence of the rule, and whether it is a
# labelled value (a table cell: only a clause cuts it) rather than a name found in a sentence.
Found = tuple[str, Span, float, bool]


def _cued(doc: Doc) -> Iterator[Found]:
    """ "Lancé par X", "Commanditaire : X"."""
    for match in _ISSUER_CUES.finditer(doc.folded):
        tail_start = match.end()
        tail = doc.masked[tail_start : tail_start + 160]
        lead = re.match(r"[ \t:\-–|]*\n?[ \t]*", tail)
        offset = lead.end() if lead else 0
        if tail[offset:].startswith("\n") or not tail[offset:].strip():
            continue
        raw = tail[offset:].split("\n")[0]
        # "Commanditaire : X", or a row whose column gap a PDF print reduced to a space
        at_line_start = not doc.folded[doc.line_bounds(match.start())[0] : match.start()].strip()
        noun = not re.search(r"\b(?:par|by)\Z", match.group(0))
        labelled = any(mark in tail[:offset] for mark in ":\t|") or (at_line_start and noun)
        yield raw, (tail_start + offset, tail_start + offset + len(raw)), 0.85, labelled


def _is_issuer_key(key: str) -> bool:
    """Whether a folded label names the issuer, alone or among alternatives ("الإدارة / الشركة")."""
    return any(_ISSUER_KEYS.fullmatch(part.strip(" *#:：")) for part in key.split("/"))


# A row of a table flattened with pipes: "| Organisation | X |".
_PIPE_ROW = re.compile(r"(?m)^[ \t]*\|[ \t]*(?P<key>[^|\n]{2,50}?)[ \t]*\|[ \t]*(?P<value>[^|\n]*[^|\s])")


# A labelled value's tail that says where the organisation is: "X – Casablanca", "X - Maroc", "X (Tunisie)".
_WHERE_TAIL = re.compile(
    r"(?:\s[–—\-|]\s+(?P<dashed>[^–—\-|()]{2,40})|\s*\((?P<bracketed>[^()]{2,40})\))\s*\Z"
)


def _without_its_place(doc: Doc, value: str) -> str:
    """ "Fondation X – Casablanca" -> "Fondation X": a labelled value's place or country is not its name."""
    tail = _WHERE_TAIL.search(value)
    if tail is None:
        return value
    where = (tail.group("dashed") or tail.group("bracketed")).strip()
    known = doc.gazetteer is not None and doc.gazetteer.lookup(where) is not None
    return value[: tail.start()] if known or is_country(where) else value


def _labelled(doc: Doc) -> Iterator[Found]:
    """ "Organisation : X" on one line, or a job board's label alone with its value on the next line."""
    for key, value, span in kv_lines(doc, max(2000, len(doc.text) // 3)):
        if _ISSUER_KEYS.match(key):
            name = _without_its_place(doc, value)
            yield name, (span[0], span[0] + len(name)), 0.85, True
    for row in _PIPE_ROW.finditer(doc.masked, 0, min(len(doc.masked), 4000)):  # "| الإدارة | وزارة ... |"
        if _is_issuer_key(doc.folded[row.start("key") : row.end("key")]):
            yield row.group("value"), row.span("value"), 0.85, True
    lines = [
        (m.start(), m.end(), m.group(0).strip())
        for m in re.finditer(r"[^\n]+", doc.masked[:4000])
        if m.group(0).strip()
    ]
    for (start, end, _), (value_start, _, value) in zip(lines, lines[1:], strict=False):
        label = doc.folded[start:end].strip().strip(" *#:：")
        if _is_issuer_key(label) and len(value.split()) <= 12 and not value.endswith(":"):
            lead = doc.masked.find(value, value_start)
            yield value, (lead, lead + len(value)), 0.8, True


def _letterhead(doc: Doc) -> Iterator[Found]:
    """The organisation a letterhead's line names, among the first lines, unless a funder cue
    introduces it ("Financé par" / "l'Union européenne")."""
    arabic_doc = arabic_share(doc.text) >= 0.5
    heads = _head_lines(doc, 6)
    # an administration's stack of bodies ("Royaume du Maroc", "Ministère ...", "Commune ...")
    # is read whole, by _administration_head: its first body is not the issuer
    stack = any(_KINGDOM.match(fold(line)) for _, line in heads)
    previous = ""
    for start, line in heads:
        bullet = re.match(r"[-–•·]\s+", line)
        if bullet:  # "- Royaume du Maroc" / "- Association X": a letterhead typed as a list
            start, line = start + bullet.end(), line[bullet.end() :]
        fits_script = ("\u0600" <= line[:1] <= "\u06ff") == arabic_doc
        funded = PARTNER_CUES.search(fold(previous + " " + line))
        named = line if _LETTERHEAD.match(line) and 2 <= len(line.split()) <= 14 else None
        named = named or (org_line(line) if not (arabic_doc or stack) else None)
        if named and not line.endswith((".", ":")) and ": " not in line and fits_script and not funded:
            if named.isupper():  # "COOPÉRATIVE X" in the letterhead, "Coopérative X (CX)" in the text
                named, (start, _) = _as_written_later(doc, named, start)
            yield named, (start, start + len(named)), 0.7, True
        previous = line


def _verb_matches(doc: Doc) -> Iterator[re.Match[str]]:
    """The matches of ``_ISSUER_VERB`` in the text, left to right and not overlapping, as a scan of
    the whole text finds them; only the stretches of line before a verb are scanned."""
    text = doc.masked
    done = 0  # the end of the last match: a scan goes on from there
    for verb in _VERB_AT.finditer(text):
        if verb.end() <= done:
            continue
        line_start = doc.line_bounds(verb.start())[0]
        lo = max(done, line_start, verb.start() - _NAME_REACH)
        for match in _ISSUER_VERB.finditer(text, lo, min(len(text), verb.end() + 300)):
            if match.start() >= verb.end():
                break
            done = match.end()
            yield match


# The end of a hard-wrapped line that opens a name: an article or a kind word, then capitalised words.
_WRAPPED_HEAD = re.compile(
    r"(?:(?<=[\s'’])(?:l['’]|la |le |les |the |The |La |Le |L['’])|(?<![^\W\d_])(?=(?:Association|Fondation|Foundation|"
    r"Réseau|Network|Union|Fédération|Coopérative|Collectif|Organisation|Organization|Institut|Institute|Centre|Center)\b))"
    r"(?P<head>[A-ZÀ-Ý][\w'’&\-]{0,30}(?:[ \t]+" + _VERB_NAME_WORD + r"){0,6})[ \t]*\Z"
)


def _wrapped_head(doc: Doc, start: int) -> tuple[str, int] | None:
    """A PDF transcript breaks lines inside sentences: when a name opens its line and the line before is
    prose cut inside a name ("..., l'Association Horizons" / "Solidaires du Sud recrute ..."), the
    name's first words and where they start."""
    line_start = doc.line_bounds(start)[0]
    if line_start == 0 or doc.masked[line_start:start].strip():
        return None
    prev_start, prev_end = doc.line_bounds(line_start - 1)
    if prev_end - prev_start < 50:  # a short line stands alone (a title, a letterhead), it is not wrapped
        return None
    head = _WRAPPED_HEAD.search(doc.masked, max(prev_start, prev_end - 200), prev_end)
    if head is None:
        return None
    return head.group("head").strip(), head.start("head")


# "Le Programme X (PX) de la Province de Tata lance": the body named with its acronym, then the
# territory it serves; the territory is a qualifier, the body before the acronym announces.
_ACRONYM_THEN_WHERE = re.compile(
    r"\((?P<acronym>[A-Z][\w\-]{1,10})\)[ \t]+(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|of[ \t]+the|of|in)[ \t]*\Z"
)
_TERRITORY_HEAD = re.compile(
    kw(
        r"\A(?:province|prefecture|region|commune|wilaya|cercle|caidat|municipalite|ville|city|governorate|district)\b"
    )
)


def _body_before_its_territory(doc: Doc, start: int, end: int) -> tuple[str, Span] | None:
    """ "Programme X (PX)" when the name before a verb, ``start``..``end``, is a territory that
    qualifies the acronym's body written just before it on the line."""
    line_start = doc.line_bounds(start)[0]
    tail = _ACRONYM_THEN_WHERE.search(doc.masked, max(line_start, start - 40), start)
    if tail is None:
        return None
    where = doc.masked[start:end].strip()
    known = doc.gazetteer is not None and doc.gazetteer.lookup(where) is not None
    if not (known or _TERRITORY_HEAD.match(fold(where))):
        return None
    acronym = tail.group("acronym")
    pattern = re.compile(
        rf"((?:{_NAME_WORD})(?:[ \t]+(?:{_NAME_WORD})){{0,12}})[ \t]*\({re.escape(acronym)}\)"
    )
    body = pattern.search(doc.masked, max(line_start, tail.start() - 200), tail.end("acronym") + 1)
    if body is None:
        return None
    words = body.group(1).split()
    while words and (not words[0][:1].isupper() or words[0].lower() in _NOT_NAME_START):
        words.pop(0)
    if len(words) < 2:
        return None
    name = f"{' '.join(words)} ({acronym})"
    begin = body.end(1) - len(" ".join(words)) if body.group(1).endswith(words[-1]) else body.start(1)
    return name, (begin, body.end())


def _announced(doc: Doc) -> Iterator[Found]:
    """ "X recrute", "X is seeking", "X, avec le soutien de Y, lance": the name before the verb,
    unless a partner or funder cue introduces it."""
    for match in _verb_matches(doc):
        start = match.start("org")
        if after_partner_cue(doc.folded, start, doc.line_bounds(start)[0]):
            continue  # "avec le soutien de Y, lance": Y is a funder
        body = _body_before_its_territory(doc, start, match.end("org"))
        if body is not None:  # "Le Programme X (PX) de la Province de Tata lance"
            yield body[0], body[1], 0.75, True
            continue
        # "l'association Forum X lance ...": the lowercase kind word belongs to the name (looked
        # up behind the match: in the pattern it would be tried at every position of the text)
        kind = _KIND_BEFORE.search(doc.masked, max(0, start - 20), start)
        if kind:
            start = kind.start("kind")
        wrapped = _wrapped_head(doc, start)
        if wrapped is not None:  # "l'Association Horizons" / "Solidaires du Sud recrute": one name
            head, start = wrapped
            yield (
                f"{head} {doc.masked[match.start('org') : match.end('org')]}",
                (start, match.end("org")),
                0.75,
                False,
            )
            continue
        yield doc.masked[start : match.end("org")], (start, match.end("org")), 0.75, False
    for match in _ACRONYM_FIRST.finditer(doc.masked):
        if match.group("acronym").upper() == match.group("acronym"):
            yield f"{match.group('name').strip()} ({match.group('acronym')})", match.span(), 0.75, True


# "Finance Officer at X", "Chargé de projet chez X": a job board's title names the employer.
_POST_AT = re.compile(rf"\A[^\n]{{3,90}}?[ \t]+(?:at|chez|@)[ \t]+(?P<org>{NAME}(?:{ACRONYM_TAIL})?)[ \t]*\Z")


_OFFICE = re.compile(
    kw(r"\boffice\b", r"\bbureau\b", r"\bdelegation\b", r"\brepresentation\b", r"\bmission\b")
)


def _post_at(doc: Doc) -> Iterator[Found]:
    """ "Finance Officer at X", "Chargé(e) de projet – Fondation X": the employer a job board's
    title names after "at" or after a dash."""
    for start, line in _head_lines(doc, 3):
        match = _POST_AT.match(line)
        if match:
            yield match.group("org"), (start + match.start("org"), start + match.end("org")), 0.7, True
        parts = re.split(r"\s[–—\-|]\s", line)
        office = len(parts) > 1 and _OFFICE.search(fold(parts[-1]))  # "UN Women – Country Office"
        named = org_line(parts[-1]) if len(parts) > 1 and not office else None
        if named:
            end = start + len(line)
            yield named, (end - len(parts[-1].strip()), end), 0.65, True


_AR_VERB = re.compile(
    r"(?:(?<=\s)|\A)[وف]?(?:"
    + AR_VERBS
    + r"|اعلان|بلاغ)\s+(?:(?:السيد|رئيس|رئيسه|مدير|المدير|عميد|السيده)\s+(?:العام\s+)?)?"
    + AR_NAME
)
# "وزارة ... تعلن عن ...": a headline names the organisation before its verb.
_AR_SUBJECT_FIRST = re.compile(r"(?m)^[ \t]*" + AR_NAME + r"\s+[وف]?(?:" + AR_VERBS + r")\s")
# "وزارة X: مباراة ..." / "مباراة لتوظيف ... بوزارة X": an Arabic job board's headline.
_AR_HEADLINE = re.compile(
    r"\A\s*" + AR_NAME + r"\s*[:：\-–]\s*(?:مباراه|مباريات|اعلان|امتحان|توظيف|انتقاء|طلب)"
)
_AR_FOR = re.compile(
    r"(?:مباراه|مباريات|توظيف|انتقاء|منصب|مناصب)[^\n]{0,160}?\s(?P<glued>بال|لل|ب|لفائده\s+|لدي\s+|لصالح\s+)"
    + AR_NAME
)
# A signature: "Le Président de l'Association X", "رئيس جمعية X".
_SIGNATORY = re.compile(
    r"(?m)^[ \t]*(?:Pour[ \t]+|For[ \t]+)?(?:Le|La|The)[ \t]+(?:Président|Présidente|Directeur|Directrice|Director|President|"
    r"Coordinateur|Coordinatrice|Coordinator|Secrétaire|Représentant|Représentante|Chair(?:person)?)"
    r"(?:[ \t]+(?:[EeÉé]x[ée]cuti(?:f|ve)|[Gg][ée]n[ée]ral[e]?|[Nn]ational[e]?|[Pp]ays|[Cc]ountry|[Rr][ée]gional[e]?|[Rr][ée]sident[e]?))*"
    rf"[ \t]+(?:de[ \t]+l['’]|de[ \t]+la[ \t]+|du[ \t]+|des[ \t]+|de[ \t]+|of[ \t]+(?:the[ \t]+)?)(?P<org>{NAME}(?:{ACRONYM_TAIL})?)[ \t]*$"
)
_SIGNATORY_AR = re.compile(
    r"(?m)^[ \t]*(?:عن\s+)?(?:رئيس|رئيسه|مدير|مديره|منسق|منسقه)\s+" + AR_NAME + r"\s*$"
)


def _arabic(doc: Doc) -> Iterator[Found]:
    """Arabic notices: the announcing verb, the headline, the post "بـ" an administration."""
    if ARABIC_BLOCK.search(doc.folded, 0, 4000) is None:
        return  # every pattern below reads Arabic words in the first 4,000 characters
    for pattern in (_AR_VERB, _AR_SUBJECT_FIRST):
        for match in pattern.finditer(doc.folded, 0, 4000):
            name, span = arabic_name(doc.masked, match)
            yield name, span, 0.75, True
    for match in _NOTICE_AR.finditer(doc.masked[:4000]):
        end = match.end("acronym") if match.group("acronym") else match.end("org")
        name = doc.masked[match.start("org") : end]
        if name.startswith("لل"):  # "للوكالة الوطنية ..." after the director's title: "الوكالة ..."
            name = "ال" + name[2:]
        elif name.startswith("ل") and not name.startswith("لا"):
            name = name[1:]
        yield name, (match.start("org"), end), 0.7, True
    for match in _ANNOUNCER_AR.finditer(doc.masked[:3000]):
        end = match.end("acronym") if match.group("acronym") else match.end("org")
        yield doc.masked[match.start("org") : end], (match.start("org"), end), 0.7, True
    for start, line in _head_lines(doc, 8):
        folded = fold(line)
        for pattern in (_AR_HEADLINE, _AR_FOR):
            headline = pattern.search(folded)
            if headline:
                name, (a, b) = arabic_name(line, headline)
                if headline.groupdict().get("glued") in ("بال", "لل") and not headline.group("art"):
                    name = "ال" + name
                yield name, (start + a, start + b), 0.7, True


def _administration_head(doc: Doc) -> Iterator[Found]:
    administration = _administration(doc)
    if administration:
        name, span = administration
        if name.isupper():  # "PROVINCE DE X" in the letterhead, "Province de X" in the text
            name, span = _as_written_later(doc, name, span[0])
        yield name, span, 0.6, True


def _presented(doc: Doc) -> Iterator[Found]:
    """A context section headed "Présentation de X" / "About X"."""
    for section in doc.sections:
        if section.role != "context" or not section.heading:
            continue
        head_folded = doc.folded[section.heading_start : section.heading_end]
        stripped = len(head_folded) - len(head_folded.lstrip(" \t-–•·#.0123456789ivxlc"))
        pres = _PRESENTATION.match(head_folded[stripped:])
        if pres:
            start = section.heading_start + stripped + pres.end()
            raw = doc.masked[start : section.heading_end]
            raw = re.sub(r"\s*[:：]\s*\Z", "", raw)
            if " - " in raw or " – " in raw:
                parts = re.split(r"\s[–\-]\s", raw)
                if _ACRONYM.match(parts[-1].strip()):
                    yield f"{parts[0].strip()} ({parts[-1].strip()})", (start, start + len(raw)), 0.7, False
            yield raw, (start, start + len(raw)), 0.7, False


def _implementer(doc: Doc) -> Iterator[Found]:
    """ "mis en œuvre par X", "a consortium led by X"."""
    for match in _IMPLEMENTED.finditer(doc.folded):
        tail = doc.masked[match.end() : match.end() + 100]
        tail = re.sub(r"\A(?:l['’´]|la |le |les |the )", lambda m: " " * len(m.group(0)), tail)
        org = re.match(
            r"\s*((?:[A-ZÀ-Ý][\w'’&\-]{0,30})(?:[ \t]+(?:[A-ZÀ-Ý][\w'’&\-]{0,30}|de|des|du|pour|et|of|the|for)){0,10}"
            r"(?:[ \t]*\([A-Z][\w\-]{1,10}\))?)",  # "implemented by the X Centre (XC)": the acronym with the name
            tail,
        )
        if org:
            yield org.group(1), (match.end() + org.start(1), match.end() + org.end(1)), 0.6, False
    for match in _CONSORTIUM.finditer(doc.folded):
        tail = doc.masked[match.end() : match.end() + 100]
        org = re.match(
            r"\s*((?:[A-ZÀ-Ý][\w'’&\-]{0,30})(?:[ \t]+(?:[A-ZÀ-Ý][\w'’&\-]{0,30}|de|des|du|pour|la|le|et|of|the|for)){0,10}(?:[ \t]*\([A-Z][\w\-]{1,10}\))?)",
            tail,
        )
        if org:
            yield org.group(1), (match.end() + org.start(1), match.end() + org.end(1)), 0.55, True


def _signed(doc: Doc) -> Iterator[Found]:
    """A signature ("Le Président de l'Association X", "رئيس جمعية X") or a contact block."""
    for match in _SIGNATORY.finditer(doc.masked):
        yield match.group("org"), match.span("org"), 0.55, True
    for match in _SIGNATORY_AR.finditer(doc.folded):
        name, span = arabic_name(doc.masked, match)
        yield name, span, 0.55, True
    signed = _signed_contact(doc)
    if signed:
        yield signed[0], signed[1], 0.45, True


_LINE = re.compile(r"[^\n]+")


def _closing_lines(doc: Doc) -> Iterator[Found]:
    """A signature block: one of the last lines is an organisation's name alone."""
    tail_start = max(0, len(doc.text) - 400)
    lines = [m for m in _LINE.finditer(doc.masked, tail_start) if m.group(0).strip()][-3:]
    for line in reversed(lines):
        named = org_line(line.group(0))
        if named:
            start = line.start() + line.group(0).find(named)
            yield named, (start, start + len(named)), 0.45, True
            return


_COPIED = re.compile(
    kw(
        r"\bcc\b",
        r"en copie",
        r"copie a",
        r"avec copie",
        r"\bcopying\b",
        r"copy to",
        r"a copy to",
        r"نسخه (?:الى|ل)",
    )
)


def _owners_domain(doc: Doc, *, spelled: bool) -> Iterator[Found]:
    """The organisation owning the submission address's domain: spelled out in the text when
    ``spelled`` ("Name (ACR)" owns acr.org, "Nador Community Development Forum" owns ncdf.org),
    else the domain itself. A copied address ("en copie", "cc") belongs to whoever is copied."""
    submission = {a.lower() for a in doc.fields.get("submission_emails") or []}
    addresses = [m for m in EMAIL.finditer(doc.folded) if not submission or m.group(0) in submission]
    for match in addresses:
        if _COPIED.search(doc.folded, max(0, match.start() - 25), match.start()):
            continue
        labels = [label for label in match.group(0).split("@", 1)[1].split(".") if label != "example"]
        if len(labels) < 2:
            continue
        name = (
            labels[-2]
            if labels[-2] not in ("co", "org", "gov", "gouv", "ac") or len(labels) < 3
            else labels[-3]
        )
        if name in WEBMAIL:
            continue
        span = (match.start(), match.end())
        if spelled:
            defined = _expand_acronym(doc, name.upper()) if 2 <= len(name) <= 8 else None
            if defined:  # the domain is an acronym the text defines: "Name (ACR)" owns "acr.org"
                yield defined, span, 0.5, True
            written = spelled_out(doc.masked, name, 4000)
            if written:
                yield written[0], (written[1], written[2]), 0.5, True
        else:
            # "amanfoundation" -> "aman foundation": a kind word run onto the name
            words = re.split(
                r"[-_]|(?<=[a-z])(?=(?:foundation|fondation|association|network|institute|council)\Z)", name
            )
            yield " ".join(w.upper() if len(w) <= 4 else w.capitalize() for w in words if w), span, 0.4, True
        return  # the first submission address speaks for the call


def _domain_spelled(doc: Doc) -> Iterator[Found]:
    return _owners_domain(doc, spelled=True)


def _domain(doc: Doc) -> Iterator[Found]:
    return _owners_domain(doc, spelled=False)


# "dans le cadre du Fonds X", "في إطار صندوق X", "as part of the Y Programme": what the call falls under
# (a fund, a programme), not who issues it.
_FRAMEWORK_BEFORE = re.compile(
    kw(
        r"dans le cadre (?:de la|de l'|du|des|de|d')\s*",
        r"(?:with)?in the framework of(?: the)?\s*",
        r"as part of(?: the)?\s*",
        r"في اطار\s*",
        r"ضمن\s*",
    )
    + r"\Z"
)


def _under_a_framework(doc: Doc, start: int) -> bool:
    return bool(_FRAMEWORK_BEFORE.search(doc.folded, max(0, start - 40), start))


def _most_named(doc: Doc) -> Iterator[Found]:
    """Nothing says who issues the call: the organisation the text defines with its acronym and
    names most often, else the first one with a kind word ("l'Association X") no partner cue
    introduces."""
    limit = min(len(doc.text), 6000)
    defined = [
        d for d in defined_acronyms(doc.masked, doc.folded, limit) if not _under_a_framework(doc, d[2])
    ]
    if defined:
        counts = {
            acr: len(re.findall(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", doc.masked))
            for _, acr, _, _ in defined
        }
        name, acronym, start, end = max(defined, key=lambda d: (counts[d[1]], -d[2]))
        yield f"{name} ({acronym})", (start, end), 0.35, True
    for match in re.finditer(rf"(?<![\w'’]){NAME}", doc.masked[:limit]):
        name = re.sub(r"\A(?:The|La|Le|Les|L['’])\s*", "", match.group(0))
        if (
            len(name.split()) >= 2
            and org_line(name)
            and not in_partner_clause(doc.folded, match.start(), doc.line_bounds(match.start())[0])
            and not _under_a_framework(doc, match.start())
        ):
            yield name, (match.end() - len(name), match.end()), 0.3, True
            return
    for match in re.finditer(AR_NAME, doc.folded[:limit]):
        if not in_partner_clause(
            doc.folded, match.start(), doc.line_bounds(match.start())[0]
        ) and not _under_a_framework(doc, match.start()):
            name, span = arabic_name(doc.masked, match)
            yield name, span, 0.3, True
            return


_SUPERVISED = re.compile(
    kw(
        r"under the (?:overall |direct |technical )?(?:supervision|responsibility|guidance|coordination) of",
        r"reporting (?:directly )?to",
        r"will report to",
        r"sous la (?:supervision|responsabilite|coordination|direction|tutelle) (?:de|du|des)",
        r"rendra compte a",
        r"rapportera a",
    )
)


def _supervisor(doc: Doc) -> Iterator[Found]:
    """ "Under the supervision of ... X (ACR)", "sous la responsabilité de l'Association X": the
    organisation the consultant answers to, named in the rest of the sentence."""
    for cue in _SUPERVISED.finditer(doc.folded):
        end = doc.line_bounds(cue.end())[1]
        stop = doc.masked.find(". ", cue.end(), end)
        clause_end = min(end, stop if stop != -1 else end, cue.end() + 240)
        for name, acronym, start, stop_at in defined_acronyms(
            doc.masked, doc.folded, clause_end, start=cue.end(), kinds=False
        ):
            yield f"{name} ({acronym})", (start, stop_at), 0.45, True
            break
        for match in re.finditer(rf"(?<![\w'’]){NAME}", doc.masked[cue.end() : clause_end]):
            name = re.sub(r"\A(?:The|La|Le|Les|L['’])\s*", "", match.group(0))
            if org_line(name):
                yield name, (cue.end() + match.end() - len(name), cue.end() + match.end()), 0.45, True
                break


# Parts of a reference that are never an issuer's acronym: countries, procurement words.
_REFERENCE_WORDS = {
    "MAR",
    "MA",
    "TUN",
    "TN",
    "DZA",
    "DZ",
    "JOR",
    "JO",
    "LBN",
    "LB",
    "EGY",
    "EG",
    "MRT",
    "MR",
    "SEN",
    "SN",
    "LBY",
    "PSE",
    "IRQ",
    "SYR",
    "YEM",
    "FRA",
    "BEL",
    "ESP",
    "ITA",
    "IC",
    "RFP",
    "RFQ",
    "RFI",
    "ITB",
    "EOI",
    "DAO",
    "AO",
    "AOO",
    "AOI",
    "AMI",
    "CN",
    "TDR",
    "TOR",
    "TDRS",
    "REF",
    "PR",
    "NO",
    "N",
    "LOT",
    "CONS",
    "SER",
    "SRV",
    "PO",
    "SC",
    "SSA",
    "PN",
    "VA",
    "JD",
    "HR",
    "RH",
}


def _reference_acronym(doc: Doc) -> Iterator[Found]:
    """A reference built of the issuer's acronym ("AGENCY/MAR/2026/004"): its first part that is
    neither a country, a year nor a procurement word."""
    reference = doc.fields.get("reference")
    spans = doc.evidence.get("reference") or [(0, 0)]
    for part in re.split(r"[/\\_.\-\s]+", reference if isinstance(reference, str) else ""):
        if re.fullmatch(r"[A-Z]{2,6}", part) and part not in _REFERENCE_WORDS:
            yield part, spans[0], 0.3, True
            return


# A forwarded e-mail's header: "---------- Forwarded message ---------" / "De : X <a@b.ma>".
_FORWARDED = re.compile(
    kw(
        r"forwarded message",
        r"original message",
        r"message transfere",
        r"message d'origine",
        r"debut du message reexpedie",
        r"رساله معاد توجيهها",
        r"الرساله الاصليه",
    )
)
_SENDER = re.compile(
    r"(?m)^[ \t>*]*(?:De|From|Von|من)[ \t]*[:：][ \t]*\"?(?P<name>[^<>\"\n@]{4,90}?)\"?[ \t]*<[^<>\s@]+@[^<>\s]+>"
)


def _forwarded_sender(doc: Doc) -> Iterator[Found]:
    """The organisation that sent a forwarded notice, named in the forwarded header ("De : Association X
    <contact@x.ma>"); a person's name there is no organisation."""
    found = _FORWARDED.search(doc.folded, 0, min(len(doc.folded), 6000))
    if found is None:
        return
    for match in _SENDER.finditer(doc.masked, found.end(), min(len(doc.masked), found.end() + 600)):
        name = match.group("name").strip()
        named = org_line(name)
        if named:
            yield named, (match.start("name"), match.start("name") + len(named)), 0.7, True
        return  # the first sender after the header is the forwarded notice's


# The rules, most telling first: the first name one of them finds that passes for an
# organisation is the issuer.
RULES = (
    _cued,
    _labelled,
    _letterhead,
    _announced,
    _post_at,
    _arabic,
    _administration_head,
    _presented,
    _implementer,
    _forwarded_sender,
    _signed,
    _domain_spelled,
    _domain,
    _closing_lines,
    _supervisor,
    _reference_acronym,
    _most_named,
)


# "جمعية X فرع سلا": a branch's place after an Arabic name; "جمعية X بمراكش": the city it sits in.
_AR_BRANCH = re.compile(r"\s+(?:ال)?فرع(?:\s+\S+){1,3}\Z")
_AR_GLUED_PLACE = re.compile(r"\s+ب(?P<place>\S+(?:\s+\S+){0,2})\Z")


def _without_arabic_place(doc: Doc, name: str) -> str:
    """An Arabic organisation's name without the branch or the city written after it:
    "جمعية النور للتنمية بمراكش" -> "جمعية النور للتنمية", "جمعية X فرع سلا" -> "جمعية X"."""
    first = fold(name.split(" ", 1)[0])
    if not ("\u0600" <= name[:1] <= "\u06ff") or first.removeprefix("ال") not in _AR_CIVIL_KINDS:
        return name  # an administration's or a school's place is part of its name ("المدرسة ... بطنجة")
    branch = _AR_BRANCH.search(name)
    if branch and len(name[: branch.start()].split()) >= 2:
        return name[: branch.start()]
    glued = _AR_GLUED_PLACE.search(name)
    if glued is None or doc.gazetteer is None or len(name[: glued.start()].split()) < 2:
        return name
    words = glued.group("place").split()
    # "بمدينة مراكش", "بإقليم تزنيت": a cue word, then the place
    place = " ".join(words[1:]) if len(words) > 1 and fold(words[0]) in _AR_PLACE_CUES else " ".join(words)
    return name[: glued.start()] if doc.gazetteer.lookup(place) is not None else name


_AR_PLACE_CUES = frozenset({"مدينه", "اقليم", "عماله", "جهه", "جماعه"})
# Civil society's kind words (folded, without the article): their names do not hold their city.
_AR_CIVIL_KINDS = frozenset(
    {"جمعيه", "تعاونيه", "شبكه", "منظمه", "فيدراليه", "ائتلاف", "اتحاد", "نادي", "مؤسسه"}
)


# "Programme des Nations Unies pour le Développement (PNUD) recrute": a programme named with its
# acronym that announces with a verb is a body; "dans le cadre du programme X" stays a framework.
_NAMED_PROGRAMME = re.compile(r"\A(?:Programme|Program)\b[^()]{3,80}\([A-Z][\w\-]{1,10}\)\Z")


def read_issuer(doc: Doc) -> None:
    for rule in RULES:
        for raw, span, confidence, cell in rule(doc):
            name = _without_arabic_place(doc, _org_name(raw, cell=cell))
            if name and span[1] - span[0] > len(name):
                span = (span[0], span[0] + len(name)) if doc.masked.startswith(name, span[0]) else span
            if (
                not name
                or len(name) < 2
                or len(name) > 90
                or (
                    _NOT_ORG.match(fold(name))
                    and not _SHOUTED_HEAD.match(name)
                    and not (rule is _announced and _NAMED_PROGRAMME.match(name))
                )
                or _WEB_NAME.search(name)
                or _is_issuer_key(fold(name))  # a label ("Organisation name"), not its value
            ):
                continue
            if _ACRONYM.match(name):
                name = _expand_acronym(doc, name) or name
            doc.set("issuer", name, [span], confidence)
            return
    doc.set("issuer", None)
