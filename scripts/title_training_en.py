"""English page families for the title ranker's training (``scripts/title_training.py``), added in
the ninth round of issue 16: the layouts of English calls that the first families covered thinly
or not at all. All text is invented for the project (organisations, programmes, places,
sentences); no page copies a real call.

- ``ingojob``: an INGO's or UN agency's vacancy copied from a jobs aggregator: the site's menu, a
  breadcrumb, share buttons, the post in the page's header, "Job Title:", "Organization:", "Duty
  Station:", "Closing date:" rows (the title repeated or not), "Apply now", similar jobs.
- ``rfp``: a request for proposals or an expression of interest addressed to firms: the
  letterhead, "REQUEST FOR PROPOSALS", "RFP No.", the object behind "Title:"/"Subject:" or in
  capitals over two lines, "To: Prospective offerors", "Dear Sir/Madam, ... invites you to
  submit ...".
- ``torcover``: terms of reference under a cover page: organisation, programme and project
  lines, "TERMS OF REFERENCE" over the object ("for the ..." on the next line, or the object in
  capitals), a date or version line, then the numbered sections.
- ``nofo``: a call for grant applications from a fund, a foundation or an embassy: the funder,
  the programme's name, "Call for Proposals" / "Notice of Funding Opportunity", "Funding
  Opportunity Title:", its number, "Deadline for applications:", award amounts.

Each family draws its pages from a random stream of its own (``english_calls``), so the pages of
the other families stay as they were.
"""

from __future__ import annotations

import random

from title_training import (
    MONTHS,
    OBJECTS_EN,
    ORG_EN,
    PLACES,
    PROJECTS,
    THEMES_EN,
    Call,
    _date,
    _fill,
    _split_two_lines,
)

EN_FAMILIES = ["ingojob", "rfp", "torcover", "nofo"]
EN_SHARE = 0.26  # English pages of these families, for each page of the first families

COUNTRIES = ["Morocco", "Tunisia", "Jordan", "Lebanon", "Mauritania"]
INGOS = [
    "Northbridge Relief Alliance",
    "Children's Horizon International",
    "Mercy Harbour Foundation",
    "Global Water Partnership for Africa",
    "Danube Council for Refugees",
    "International Office for Rural Futures (IORF)",
    "United Nations Agency for Local Development (UNALD)",
]
CITIES = {
    "Morocco": ["Rabat", "Marrakech", "Oujda", "Agadir", "Tangier"],
    "Tunisia": ["Tunis", "Sfax", "Kasserine"],
    "Jordan": ["Amman", "Irbid", "Mafraq"],
    "Lebanon": ["Beirut", "Tripoli", "Zahle"],
    "Mauritania": ["Nouakchott", "Kaedi"],
}


def _city(r: random.Random) -> tuple[str, str]:
    country = r.choice(COUNTRIES)
    return r.choice(CITIES[country]), country


def _theme(r: random.Random) -> str:
    theme = r.choice(THEMES_EN)
    return theme[:1].upper() + theme[1:]


# ----- ingojob: an INGO / UN vacancy on a jobs aggregator

INGO_POSTS = [
    "Programme Officer",
    "Monitoring and Evaluation Specialist",
    "Protection Officer",
    "Project Manager",
    "Communications Consultant",
    "National Consultant",
    "Grants Manager",
    "Education Specialist",
    "WASH Engineer",
    "Livelihoods Coordinator",
    "Cash and Voucher Assistance Officer",
    "Partnerships Advisor",
    "Area Manager",
    "Gender Specialist",
]
JOB_SITES = ["AidJobs Hub", "DevWork Network", "ImpactRoles", "Humanitarian Careers Board", "JobsForGood"]
JOB_MENU = ["Home", "Jobs", "Organizations", "Training", "Post a job", "Log in", "Register", "Resources"]
SHARE_LINES = [
    "Share",
    "Share this job",
    "Facebook",
    "LinkedIn",
    "Twitter",
    "Email",
    "Print",
    "Save job",
    "Share: Facebook Twitter LinkedIn WhatsApp",
]
GRADES = ["P-3", "P-2", "NO-B", "NO-C", "G-6", "SB-4", "Level 5", "Grade 7"]
CONTRACTS_EN = [
    "Fixed-term appointment",
    "Temporary appointment",
    "Consultancy",
    "Service contract",
    "Full time",
    "National staff",
]
JOB_TITLE_KEYS = ["Job Title", "Position Title", "Post Title", "Vacancy Title", "Title", "Position"]
ORG_KEYS = ["Organization", "Organisation", "Agency", "Hiring Organization", "Employer"]
JOB_SECTIONS = [
    "Background",
    "Organizational Setting",
    "About the role",
    "Duties and Responsibilities",
    "Key responsibilities",
    "Qualifications and Experience",
    "Required skills",
    "How to apply",
]
JOB_SENTENCES = [
    "The incumbent will work under the overall guidance of the Head of Programmes and the direct supervision of the {post2}.",
    "{org} has been working in {country} since 2012, supporting communities affected by displacement and drought.",
    "The position is based in {city} with frequent travel to field locations.",
    "Only shortlisted candidates will be contacted; applications received after the closing date will not be considered.",
    "Female candidates and persons with disabilities are strongly encouraged to apply.",
    "Lead the design and monitoring of activities on {theme} with local partners.",
    "Prepare monthly reports and contribute to donor proposals and budgets.",
    "A university degree in social sciences, development studies or a related field is required.",
]
SIMILAR = ["Similar jobs", "More jobs like this", "You may also be interested in", "Related vacancies"]


def _ingo_post(r: random.Random) -> str:
    post = r.choice(INGO_POSTS)
    shape = r.choice(["plain", "dash", "paren", "comma", "for"])
    if shape == "dash":
        return f"{post} – {_theme(r)}"
    if shape == "paren":
        return f"{post} ({_theme(r)})"
    if shape == "comma":
        return f"{post}, {r.choice(GRADES)}"
    if shape == "for":
        return f"{post} for {_fill(r, r.choice(OBJECTS_EN), 'en')}"
    return post


def _job_sentences(r: random.Random, org: str, city: str, country: str, k: int) -> list[str]:
    values = {
        "org": org,
        "city": city,
        "country": country,
        "theme": r.choice(THEMES_EN),
        "post2": r.choice(INGO_POSTS),
    }
    return [s.format(**values) for s in r.sample(JOB_SENTENCES, k)]


def _ingo_job(r: random.Random) -> tuple[list[str], str]:
    gold = _ingo_post(r)
    org = r.choice(INGOS)
    city, country = _city(r)
    site = r.choice(JOB_SITES)
    lines = [site] + r.sample(JOB_MENU, r.randint(3, 6)) + [""]
    if r.random() < 0.6:  # a breadcrumb, its last crumb the post (perhaps cut)
        last = gold if r.random() < 0.6 else gold[: r.randint(12, max(13, len(gold) - 3))] + "..."
        lines.append(r.choice([" › ", " > ", " / ", " » "]).join(["Home", "Jobs", country, last]))
    header = r.random() < 0.8
    if header:  # the page's header: the post, perhaps with what the site glued to it
        glue = r.choice(["plain", "plain", "org", "place", "upper"])
        if glue == "org":
            lines.append(f"{gold} {r.choice(['|', '-', 'at'])} {org}")
        elif glue == "place":
            lines.append(f"{gold} - {city}, {country}")
        elif glue == "upper":
            lines.append(gold.upper())
        else:
            lines.append(gold)
        if r.random() < 0.6:
            lines.append(org if r.random() < 0.5 else f"{org} | {city}, {country}")
    if r.random() < 0.7:
        lines.append(
            r.choice(
                [
                    f"Posted {r.randint(2, 20)} days ago",
                    f"Posted: {_date(r, 'en')}",
                    f"Published on {_date(r, 'en')}",
                ]
            )
        )
    if r.random() < 0.6:
        lines += r.sample(SHARE_LINES, r.randint(1, 4))
    if r.random() < 0.5:
        lines.append(r.choice(["Apply now", "Apply", "Apply for this job"]))
    lines.append("")
    rows = [
        (r.choice(ORG_KEYS), org),
        ("Duty Station", f"{city}, {country}"),
        (r.choice(["Closing date", "Closing Date", "Deadline", "Application deadline"]), _date(r, "en")),
        ("Grade", r.choice(GRADES)),
        ("Contract type", r.choice(CONTRACTS_EN)),
        (
            r.choice(["Vacancy No.", "Job ID", "Reference"]),
            f"{r.choice(['VA', 'JO', 'REQ'])}-{r.randint(1000, 99999)}",
        ),
        ("Country", country),
        ("Theme", r.choice(["Protection", "Education", "Health", "Livelihoods", "Coordination"])),
    ]
    rows = r.sample(rows, r.randint(3, len(rows)))
    if not header or r.random() < 0.6:  # the post repeated (or given only) in the rows
        rows.insert(r.randint(0, 1), (r.choice(JOB_TITLE_KEYS), gold))
    shape = r.choice(["colon", "colon", "two_lines", "tab"])
    for key, value in rows:
        if shape == "two_lines":
            lines += [key, value]
        elif shape == "tab":
            lines.append(f"{key}\t{value}")
        else:
            lines.append(f"{key}: {value}")
    lines.append("")
    for _ in range(r.randint(2, 3)):
        lines += [r.choice(JOB_SECTIONS)] + _job_sentences(r, org, city, country, r.randint(1, 3))
    if r.random() < 0.4:
        lines.append(r.choice(["Apply now", "Apply before the closing date"]))
    if r.random() < 0.4:
        lines += ["", r.choice(SIMILAR)]
        lines += [f"{r.choice(INGO_POSTS)} – {r.choice(CITIES[country])}" for _ in range(r.randint(1, 3))]
    return lines, gold


# ----- rfp: a request for proposals / expression of interest addressed to firms

RFP_OBJECTS = [
    "Provision of consultancy services for {obj}",
    "Supply and installation of solar water pumps in {place}",
    "Design and printing of awareness materials on {theme}",
    "Rehabilitation of {n} community water points in {place}",
    "Third-party monitoring of {theme} activities",
    "Development of a digital platform for {theme}",
    "Conduct of {obj}",
    "Audit of the {project} project financial statements",
    "Organisation of {n} regional workshops on {theme}",
]
RFP_HEADS = [
    "REQUEST FOR PROPOSALS",
    "REQUEST FOR PROPOSAL (RFP)",
    "Request for Proposals",
    "REQUEST FOR EXPRESSION OF INTEREST",
    "INVITATION TO BID",
    "Request for Quotations",
]
RFP_NUMBER_KEYS = ["RFP No.", "RFP Reference", "Reference No.", "REOI No.", "Tender No.", "ITB No."]
RFP_TITLE_KEYS = ["Title", "Subject", "RFP Title", "Assignment", "Object", "Re"]
RFP_TO = [
    "To: Prospective Offerors",
    "To: All interested firms",
    "To: Eligible bidders",
    "Attention: Interested consulting firms",
]
RFP_SALUTATIONS = [
    "Dear Sir/Madam,",
    "Dear Sir or Madam,",
    "Dear Prospective Offeror,",
    "Ladies and Gentlemen,",
]
RFP_BODY = [
    "{org} invites you to submit a proposal for {lower} as described in the attached Terms of Reference.",
    "{org} hereby invites qualified firms to submit their technical and financial proposals for {lower}.",
    "You are invited to submit a sealed bid for {lower} in accordance with the conditions set out in this document.",
]
RFP_MORE = [
    "Proposals must be received no later than {date} at 16:00 local time.",
    "This Request for Proposals is not an offer to contract and may be cancelled at any time.",
    "The contract will be awarded to the offeror whose proposal offers the best value for money.",
    "Questions may be sent in writing up to five working days before the closing date.",
    "Offerors shall submit their technical and financial proposals in separate envelopes.",
]
RFP_SECTIONS = [
    "Section 1. Instructions to Offerors",
    "Section 2. Terms of Reference",
    "Annex A: Technical Proposal Form",
    "1. Introduction",
    "2. Scope of Work",
    "Evaluation criteria",
]


def _rfp_object(r: random.Random) -> str:
    theme = r.choice(THEMES_EN)
    return r.choice(RFP_OBJECTS).format(
        obj=_fill(r, r.choice(OBJECTS_EN), "en"),
        place=r.choice(PLACES),
        theme=theme,
        n=r.randint(3, 40),
        project=r.choice(PROJECTS),
    )


def _capitals_two_lines(r: random.Random, text: str) -> list[str]:
    """The object in capitals over two lines, broken at a link word or anywhere between words."""
    parts = _split_two_lines(r, text, "en")
    if len(parts) == 1 or r.random() < 0.4:
        words = text.split()
        cut = r.randint(max(2, len(words) // 3), max(2, len(words) - 2))
        parts = [" ".join(words[:cut]), " ".join(words[cut:])] if len(words) > 3 else [text]
    return [p.upper() for p in parts if p]


def _rfp_letter(r: random.Random) -> tuple[list[str], str]:
    gold = _rfp_object(r)
    org = r.choice(INGOS + ORG_EN)
    city, country = _city(r)
    lines = [org.upper() if r.random() < 0.5 else org]
    if r.random() < 0.5:
        lines.append(f"{r.randint(3, 90)} {r.choice(['Palm', 'Cedar', 'Olive'])} Street, {city}, {country}")
    if r.random() < 0.5:
        lines.append(f"{city}, {_date(r, 'en')}")
    lines.append("")
    lines.append(r.choice(RFP_HEADS))
    number = f"{r.choice(RFP_NUMBER_KEYS)}: {''.join(r.sample('ABCDFHMNRT', 3))}/RFP/{r.randint(2021, 2027)}/{r.randint(1, 60):03d}"
    shape = r.choice(["key", "key", "capitals", "after_number", "subject_below"])
    if shape == "capitals":
        lines.append(number)
        lines += [""] + _capitals_two_lines(r, gold) + [""]
    elif shape == "after_number":
        lines += [""] + ([gold.upper()] if r.random() < 0.5 else [gold]) + [number, ""]
    else:
        if shape == "key":
            lines.append(number)
        shown = gold.upper() if r.random() < 0.25 else gold
        parts = _split_two_lines(r, shown, "en") if r.random() < 0.3 else [shown]
        lines.append(f"{r.choice(RFP_TITLE_KEYS)}{r.choice([': ', ' : '])}{parts[0]}")
        lines += parts[1:]
        if shape == "subject_below":
            lines.append(number)
    if r.random() < 0.3:  # the project the purchase serves: a name, not the title
        lines.append(f"Project: {r.choice(PROJECTS)} – {_theme(r)}")
    if r.random() < 0.5:
        lines.append(f"Closing date: {_date(r, 'en')}")
    lines += ["", r.choice(RFP_TO), "", r.choice(RFP_SALUTATIONS)]
    lower = gold[:1].lower() + gold[1:]
    lines.append(r.choice(RFP_BODY).format(org=org, lower=f"the {lower}" if r.random() < 0.5 else lower))
    more = [s.format(date=_date(r, "en")) for s in r.sample(RFP_MORE, r.randint(1, 3))]
    lines += more + [""]
    lines += ["Sincerely,", r.choice(["Procurement Unit", "Head of Supply Chain", "Country Director"]), ""]
    for _ in range(r.randint(1, 2)):
        lines += [r.choice(RFP_SECTIONS)] + r.sample(RFP_MORE, 1)
    return lines, gold


# ----- torcover: terms of reference under a cover page

TOR_HEADS = [
    "TERMS OF REFERENCE",
    "Terms of Reference",
    "TERMS OF REFERENCE (ToR)",
    "TOR",
    "Terms of Reference (TOR)",
]
TOR_OBJECTS = [
    "{obj}",
    "the mid-term review of the {project} project",
    "an end-line survey on {theme} in {place}",
    "a gender analysis of the {project} programme",
    "the development of a training manual on {theme}",
    "an individual consultant to support {theme}",
    "a national consultant on {theme}",
]
DATE_LINES = [
    "{month} {year}",
    "Version {v} – {date}",
    "Draft, {date}",
    "{city}, {month} {year}",
    "Date: {date}",
    "Issued: {date}",
]
PROGRAMME_LINES = [
    "Support Programme for {theme}",
    "Regional Programme on {theme}",
    "{project} Programme – Phase II",
    "Programme: {theme}",
]
PROJECT_LINES = [
    "{project} Project",
    "Project: “{project}”",
    "Funded by the European Union",
    "With the support of the Swiss Agency for Development and Cooperation",
    "Project code: {code}",
]
TOR_SECTIONS = [
    "1. Background",
    "1. Introduction",
    "2. Objectives of the assignment",
    "2. Purpose and scope",
    "3. Methodology",
    "4. Deliverables and timeline",
    "5. Qualifications of the consultant",
    "Table of Contents",
]
TOR_SENTENCES = [
    "{org} has implemented the {project} project since 2022 in partnership with local authorities.",
    "The project aims to improve {theme} for vulnerable households in {place}.",
    "The consultant will review project documents, conduct key informant interviews and hold focus group discussions.",
    "The assignment is expected to last 25 working days between {month} and {month2}.",
    "The final report shall not exceed 30 pages, excluding annexes.",
]


def _tor_cover(r: random.Random) -> tuple[list[str], str]:
    org = r.choice(INGOS + ORG_EN)
    city, _ = _city(r)
    project = r.choice(PROJECTS)
    theme = r.choice(THEMES_EN)
    obj = r.choice(TOR_OBJECTS).format(
        obj=_fill(r, r.choice(OBJECTS_EN), "en"), project=project, theme=theme, place=r.choice(PLACES)
    )
    lines = [org.upper() if r.random() < 0.4 else org]
    if r.random() < 0.6:
        lines.append(r.choice(PROGRAMME_LINES).format(theme=theme, project=project))
    if r.random() < 0.6:
        code = f"{''.join(r.sample('ABCDEMNPRT', 3))}-{r.randint(100, 999)}"
        lines.append(r.choice(PROJECT_LINES).format(project=project, code=code))
    lines.append("")
    head = r.choice(TOR_HEADS)
    shape = r.choice(["for_line", "for_line", "capitals", "same_line", "consultancy"])
    # the header as printed, less its initials in parentheses ("TOR for ..." stays "TOR for ...")
    named = head.split(" (")[0]
    if shape == "for_line":  # "TERMS OF REFERENCE" + "for the ..." on the next line
        gold = f"{named} for {obj}"
        rest = f"for {obj}"
        lines += [head] + (_split_two_lines(r, rest, "en") if r.random() < 0.3 else [rest])
    elif shape == "capitals":  # the object in capitals under the header, perhaps over two lines
        gold = obj[:1].upper() + obj[1:]
        gold = gold.removeprefix("The ").removeprefix("An ").removeprefix("A ")
        gold = gold[:1].upper() + gold[1:]
        lines += [head, ""] + _capitals_two_lines(r, gold)
    elif shape == "same_line":
        gold = f"{'Terms of Reference' if named == 'TOR' else named} for {obj}"
        lines.append(gold.upper() if r.random() < 0.4 else gold)
    else:
        kind = r.choice(["Consultancy", "Individual Consultancy", "Assignment"])
        gold = f"{kind}: {obj[:1].upper() + obj[1:]}"
        lines += [head, gold]
    lines.append("")
    lines.append(
        r.choice(DATE_LINES).format(
            month=r.choice(MONTHS["en"]),
            year=r.randint(2022, 2027),
            v=r.randint(1, 3),
            date=_date(r, "en"),
            city=city,
        )
    )
    if r.random() < 0.4:
        lines += ["Table of Contents"] + [
            f"{s} {'.' * r.randint(6, 30)} {i + 2}" for i, s in enumerate(r.sample(TOR_SECTIONS[:7], 3))
        ]
    values = {
        "org": org,
        "project": project,
        "theme": theme,
        "place": r.choice(PLACES),
        "month": r.choice(MONTHS["en"]),
        "month2": r.choice(MONTHS["en"]),
    }
    for section in sorted(r.sample(TOR_SECTIONS[:7], r.randint(2, 3))):
        lines += ["", section] + [s.format(**values) for s in r.sample(TOR_SENTENCES, r.randint(1, 2))]
    return lines, gold


# ----- nofo: a call for grant applications from a fund, a foundation or an embassy

FUNDERS = [
    "Embassy of the Republic of Norland in Rabat",
    "Cedar Fund for Civil Society",
    "Mediterranean Foundation for Local Action",
    "Public Affairs Section, Embassy of Westmark",
    "Sahel Resilience Trust",
    "High Atlas Community Foundation",
]
GRANT_PROGRAMMES = [
    "Small Grants Programme {year}",
    "Civil Society Support Facility",
    "Democracy and Human Rights Fund",
    "Community Resilience Grants",
    "Youth Innovation Fund – Cycle {n}",
]
NOFO_HEADS = [
    "CALL FOR PROPOSALS",
    "Call for Proposals",
    "Notice of Funding Opportunity",
    "NOTICE OF FUNDING OPPORTUNITY (NOFO)",
    "Call for Grant Applications",
    "Request for Applications (RFA)",
    "Annual Program Statement",
]
NOFO_TITLES = [
    "Strengthening Women's Participation in Local Governance",
    "Youth-led Initiatives on {theme}",
    "Promoting {theme} in Rural Communities",
    "Support to Civil Society Organisations Working on {theme}",
    "Community Action for {theme} in {place}",
    "{project}: Grants for Local Initiatives on {theme}",
]
NOFO_ROWS = [
    ("Funding Opportunity Number", "{code}"),
    ("Deadline for applications", "{date}"),
    ("Application deadline", "{date}"),
    ("Total amount available", "USD {amount}"),
    ("Award ceiling", "USD {amount}"),
    ("Award floor", "USD 10,000"),
    ("Number of awards", "{n}"),
    ("Period of performance", "12 to 24 months"),
    ("Eligible applicants", "Registered non-profit organisations"),
    ("CFDA Number", "19.{n}00"),
]
NOFO_SENTENCES = [
    "The {funder} is pleased to announce a call for proposals from civil society organisations working in {country}.",
    "The {funder} invites eligible organisations to submit concept notes for projects on {theme}.",
    "Applicants may request between USD 10,000 and USD {amount} for projects of up to 18 months.",
    "Proposals must be submitted in English using the application form in Annex 1.",
    "Priority will be given to projects implemented outside the capital and led by women or young people.",
    "Applications from individuals, political parties or for-profit companies are not eligible.",
]
NOFO_SECTIONS = [
    "A. Program Description",
    "Background",
    "Objectives",
    "Eligibility Information",
    "B. Federal Award Information",
    "How to apply",
    "Selection criteria",
]


def _nofo(r: random.Random) -> tuple[list[str], str]:
    funder = r.choice(FUNDERS)
    city, country = _city(r)
    theme = r.choice(THEMES_EN)
    year = r.randint(2022, 2027)
    title = r.choice(NOFO_TITLES).format(theme=theme, place=r.choice(PLACES), project=r.choice(PROJECTS))
    values = {
        "code": f"{''.join(r.sample('ABDEGMNPRS', 3))}-{r.choice(['NOFO', 'CFP', 'RFA'])}-{year}-{r.randint(1, 20):03d}",
        "date": _date(r, "en"),
        "amount": r.choice(["25,000", "50,000", "100,000", "250,000"]),
        "n": r.randint(2, 12),
    }
    lines = [funder.upper() if r.random() < 0.3 else funder]
    if r.random() < 0.6:
        lines.append(r.choice(GRANT_PROGRAMMES).format(year=year, n=r.randint(2, 6)))
    lines.append("")
    head = r.choice(NOFO_HEADS)
    shape = r.choice(["key", "key", "below_head", "head_colon", "capitals", "plain", "plain"])
    if shape == "key":  # "Funding Opportunity Title: ..." among the rows
        gold = title
        lines.append(head)
    elif shape == "below_head":  # the title right under the header
        gold = title
        lines += [head, title]
    elif shape == "head_colon":  # "Call for Proposals: <title>"
        gold = f"{head.title() if head.isupper() else head}: {title}"
        lines.append(gold)
    elif shape == "capitals":
        gold = title
        lines += [head, ""] + _capitals_two_lines(r, title)
    else:  # a funder's page: the title alone as its heading, no header word, the posting date below
        gold = title
        lines += [title] + ([f"Posted {_date(r, 'en')}"] if r.random() < 0.5 else [])
    rows = [(k, v.format(**values)) for k, v in r.sample(NOFO_ROWS, r.randint(2, 5))]
    if shape == "key":
        rows.insert(
            r.randint(0, 1), (r.choice(["Funding Opportunity Title", "Opportunity Title", "Title"]), title)
        )
    lines += [f"{k}: {v}" for k, v in rows] + [""]
    sentences = [
        s.format(funder=funder, country=country, theme=theme, amount=values["amount"])
        for s in r.sample(NOFO_SENTENCES, r.randint(2, 3))
    ]
    lines += sentences
    for section in r.sample(NOFO_SECTIONS, r.randint(1, 3)):
        lines += ["", section] + [
            s.format(funder=funder, country=country, theme=theme, amount=values["amount"])
            for s in r.sample(NOFO_SENTENCES, 1)
        ]
    if r.random() < 0.3:
        lines += ["", f"Posted in {city} on {_date(r, 'en')}"]
    if r.random() < 0.4:  # the funder's other calls, listed after the text: not this one's title
        lines += ["", r.choice(["Other opportunities", "Related calls", "See also"])]
        for _ in range(r.randint(1, 2)):
            other = r.choice(NOFO_TITLES).format(
                theme=r.choice(THEMES_EN), place=r.choice(PLACES), project=r.choice(PROJECTS)
            )
            lines.append(
                f"{r.choice(['Call for Proposals', 'Notice of Funding Opportunity', 'Grants'])}: {other}"
            )
    return lines, gold


def generate_english(r: random.Random) -> Call:
    """A page of one of the English families added in the ninth round."""
    family = r.choice(EN_FAMILIES)
    if family == "ingojob":
        lines, gold = _ingo_job(r)
    elif family == "rfp":
        lines, gold = _rfp_letter(r)
    elif family == "torcover":
        lines, gold = _tor_cover(r)
    else:
        lines, gold = _nofo(r)
    if r.random() < 0.3:  # as a Word or PDF rendering reads back: a paragraph a line, no blank between
        lines = [line for line in lines if line.strip()]
    return Call(lines, gold, "en", family)


def english_calls(count: int, seed: int) -> list[Call]:
    """The English families' pages for ``count`` pages of the first families, a random stream a
    page (a change here leaves every other page as it was)."""
    return [generate_english(random.Random(f"{seed}-en-{i}")) for i in range(round(count * EN_SHARE))]
