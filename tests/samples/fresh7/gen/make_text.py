"""Writes the text exports of set7 and their expectation JSON files.

Each export is written with the codec and line ending a real export would
have; the JSON beside it is what a careful editor would say the post gives.
"""
import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "text"

FARA_1 = (
    "The Korea Economic Institute of America is registered under the Foreign Agents "
    "Registration Act as an agent of the Korea Institute for International Economic "
    "Policy, a public corporation established by the government of the Republic of "
    "Korea. Additional information is available at the Department of Justice, "
    "Washington, D.C."
)
FARA_A = (
    "KEI is registered under the FARA as an agent of the Korea Institute for "
    "International Economic Policy, a public corporation established by the "
    "government of the Republic of Korea."
)
FARA_B = "Additional information is available at the Department of Justice, Washington, D.C."


def write(name, text, codec, crlf, briefs, bom=b""):
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = bom + text.encode(codec)
    ext = ".txt" if codec == "utf-8" and not bom else ".bin"
    (OUT / (name + ext)).write_bytes(data)
    (OUT / (name + ".json")).write_text(
        json.dumps({"briefs": briefs}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )


def brief(**kw):
    base = {
        "title": None,
        "published": None,
        "updated": None,
        "authors": [],
        "categories": [],
        "series": None,
        "image_credit": "",
        "disclosure": True,
        "bios": {},
        "body_has": [],
        "body_lacks": [],
        "warnings_have": [],
    }
    base.update(kw)
    return base


# ---------------------------------------------------------------------------
# 1. 2011, Windows-1252 with CRLF, two posts: "Dr." and "Ambassador" in the
#    bylines, "&" between co-authors, an editor's note, "Last updated:" with a
#    clock time, a category holding "&", numbered notes, a "Photo credit: ...
#    via ..." credit, blog chrome around the posts.
# ---------------------------------------------------------------------------
T1 = f"""Korea Economic Institute of America
Home | About KEI | Research | Events | The Peninsula | Contact
Search this blog...

THE PENINSULA

After Ratification: Three Questions for KORUS
Implementation

Published October 14, 2011

Author: [Dr. Nathaniel P. Whitcombe](#)

Category: [Trade](#), [KORUS FTA](#)

Two days ago the U.S. Congress approved the Korea–U.S. free trade agreement, more than four years after negotiators first initialed it. Seoul’s National Assembly has yet to act, and the opposition has promised a fight, but the hardest part of the American process is over.[1]

Ratification is not the same thing as results. Whether the agreement delivers what its supporters promised will depend on how three questions are answered over the next eighteen months.

The first is autos. The supplemental deal reached last December gave American carmakers a longer phase-out of the U.S. tariff on Korean pickup trucks and a safeguard for the U.S. market, in return for modest changes to Korean safety and emissions rules.[2] Detroit will judge the agreement by how quickly those Korean rules are actually applied to imported vehicles.

The second is services. Legal, accounting and financial firms were among the agreement’s strongest backers, but the opening of the Korean legal market comes in stages, and foreign firms will not be able to hire Korean lawyers as partners until the final stage.

The third is the committee structure. The agreement creates more than a dozen working groups, and their value depends on whether officials use them to settle disputes early or

treat them as another venue for restating positions.

None of these questions will be settled by the ceremony in Seoul, whenever it comes. They will be settled by the unglamorous work of implementation – and by whether both governments are willing to spend political capital on it.

Notes

[1] The House vote was 278–151 and the Senate vote 83–15, both on October 12.

[2] The U.S. 25 percent tariff on Korean light trucks will now be phased out over eight years rather than immediately.

Nathaniel P. Whitcombe, Ph.D., is Director of Trade Policy Studies at the Korea Economic Institute. The views expressed here are the author’s alone.

Photo credit: Office of the U.S. Trade Representative via [Flickr](#)

{FARA_1}

Return to the Peninsula

THE PENINSULA

Kim Jong-il’s Death and the Question of Succession

Published December 19, 2011
Last updated: December 20, 2011 9:30 AM EST

Authors: [Ambassador Charles R. Hadley](#) & [Kwon Min-ji](#)

Category: [North Korea](#), [Leadership & Succession](#)

Editor’s note: This post was revised after the Korean Central News Agency published the list of the funeral committee.

North Korean state television announced this morning that Kim Jong-il died of a heart attack on Saturday while traveling by train. The announcer, dressed in black, described his son Kim Jong-un as the “great successor” – the first time the official media has used that phrase.

The ordering of the funeral committee tells us more than the eulogies. Kim Jong-un’s name appears first, ahead of the elderly head of the Supreme People’s Assembly and the premier. His uncle Jang Song-thaek, who many analysts expected to act as a regent, is listed nineteenth.

We should be cautious about reading too much into a list. In 1994 the committee for Kim Il-sung’s funeral was a reliable guide to who held power; whether the same will be true for a 28-year-old with barely two years of public grooming is far from clear.

For Washington and Seoul, the immediate priority is to avoid giving the new leadership a reason to prove itself with a provocation. That argues for quiet coordination with Beijing, restrained public statements, and no change in the readiness of allied forces that could be read as a threat.

Charles R. Hadley, a former U.S. Ambassador to the Philippines, is a Senior Advisor at the Korea Economic Institute. Kwon Min-ji is a Program Officer at the Korea Economic Institute. All views are the authors’ alone.

Feature image from [Korean Central News Agency](#).

{FARA_1}

Return to the Peninsula

« Older posts
© 2011 Korea Economic Institute. All rights reserved.
"""

write(
    "2011_cp1252_crlf_two_posts_editors_note_via_credit",
    T1,
    "cp1252",
    True,
    [
        brief(
            title="After Ratification: Three Questions for KORUS Implementation",
            published="2011-10-14",
            authors=["Nathaniel P. Whitcombe"],
            categories=["Trade", "KORUS FTA"],
            image_credit="Office of the U.S. Trade Representative via Flickr",
            bios={"Nathaniel P. Whitcombe": "Director of Trade Policy Studies"},
            body_has=[
                "the Korea–U.S. free trade agreement",
                "the hardest part of the American process is over.",
                "whether officials use them to settle disputes early or treat them as another venue",
                "## Notes",
                "The House vote was 278–151",
                "phased out over eight years rather than immediately.",
                "by whether both governments are willing to spend political capital on it.",
            ],
            body_lacks=[
                "Dr. Nathaniel",
                "Director of Trade Policy Studies",
                "Ph.D.",
                "Photo credit",
                "Foreign Agents Registration Act",
                "Search this blog",
                "Home | About KEI",
                "Return to the Peninsula",
            ],
        ),
        brief(
            title="Kim Jong-il’s Death and the Question of Succession",
            published="2011-12-19",
            updated="2011-12-20",
            authors=["Charles R. Hadley", "Kwon Min-ji"],
            categories=["North Korea", "Leadership & Succession"],
            image_credit="Korean Central News Agency",
            bios={
                "Charles R. Hadley": "Senior Advisor at the Korea Economic Institute",
                "Kwon Min-ji": "Program Officer",
            },
            body_has=[
                "described his son Kim Jong-un as the “great successor”",
                "is listed nineteenth.\n\nWe should be cautious",
                "could be read as a threat.",
            ],
            body_lacks=[
                "Ambassador Charles",
                "Program Officer",
                "Last updated",
                "9:30 AM",
                "Department of Justice",
                "Older posts",
                "All rights reserved",
            ],
        ),
    ],
)

# ---------------------------------------------------------------------------
# 2. 2014, UTF-16 BE with BOM, LF: three co-authors with an Oxford comma, a
#    particle name ("van der Berg"), "Dr." and a ", Ph.D." inside the link, a
#    Markdown pipe table with a caption and "Source:" line, an "About the
#    Authors" block with one bio per paragraph, "Image:" credit.
# ---------------------------------------------------------------------------
T2 = f"""THE PENINSULA

Korea’s LNG Bill and the Case for Buying American Gas

Published March 27, 2014

Authors: [Dr. Lena van der Berg](#), [Park Ji-won, Ph.D.](#), and [Samuel O. Adeyemi](#)

Category: [Energy](#), [Economy](#), [U.S.-Korea Relations](#)

South Korea imports almost all of the natural gas it burns, and it pays some of the highest prices in the world for it. Most of its long-term contracts tie the price of liquefied natural gas to the price of crude oil, a formula that made sense in the 1980s and looks increasingly expensive now that gas in North America sells for a fraction of the oil-linked price.

The table below shows where Korea’s LNG came from last year.

Table 1: Korea’s LNG imports by supplier, 2013

| Supplier | Share of imports (%) | Contract type |
| --- | --- | --- |
| Qatar | 35.2 | Long-term, oil-linked |
| Indonesia | 14.6 | Long-term, oil-linked |
| Oman | 10.9 | Long-term, oil-linked |
| Malaysia | 9.8 | Mixed |
| Others | 29.5 | Spot and short-term |

Source: Korea Gas Corporation annual data; figures rounded.

Two developments could change this picture. The U.S. Department of Energy has begun approving export licenses for LNG terminals on the Gulf Coast, and the first cargoes are expected in 2016. And because Korea and the United States have a free trade agreement, applications to export to Korea are treated as being in the public interest and approved without the lengthy review other destinations face.

Contracts priced off the U.S. Henry Hub benchmark would give Korean buyers something they have never had: a source of gas whose price moves with gas markets rather than oil markets. Even a modest share of such contracts would make the average import price less volatile.

There are costs. Shipping from the Gulf Coast through the Panama Canal adds several dollars per million British thermal units, and the canal’s expansion will not be finished for at least another year. Korean buyers will also have to accept destination-free cargoes, which the state gas company has traditionally resisted.

Still, the strategic case is strong. Buying American gas would diversify Korea’s supply away from a handful of Middle Eastern and Southeast Asian producers, and it would give the alliance an economic dimension that does not depend on semiconductors and cars.

About the Authors

Lena van der Berg is a Senior Fellow for Energy Security at the Korea Economic Institute of America.

Park Ji-won is an Associate Professor of Economics at Ewha Womans University.

Samuel O. Adeyemi is a Research Intern at the Korea Economic Institute of America and a graduate student at Georgetown University.

The views expressed are the authors’ own.

Image: [Korea Gas Corporation](#)

{FARA_1}

Return to the Peninsula
"""

write(
    "2014_utf16be_bom_three_authors_oxford_particle_table",
    T2,
    "utf-16-be",
    False,
    [
        brief(
            title="Korea’s LNG Bill and the Case for Buying American Gas",
            published="2014-03-27",
            authors=["Lena van der Berg", "Park Ji-won", "Samuel O. Adeyemi"],
            categories=["Energy", "Economy", "U.S.-Korea Relations"],
            image_credit="Korea Gas Corporation",
            bios={
                "Lena van der Berg": "Senior Fellow for Energy Security",
                "Park Ji-won": "Associate Professor of Economics at Ewha Womans University",
                "Samuel O. Adeyemi": "Research Intern",
            },
            body_has=[
                "a formula that made sense in the 1980s",
                "Table 1: Korea’s LNG imports by supplier, 2013",
                "| Qatar | 35.2 | Long-term, oil-linked |",
                "| Others | 29.5 | Spot and short-term |",
                "Source: Korea Gas Corporation annual data; figures rounded.",
                "the lengthy review other destinations face.\n\nContracts priced",
                "does not depend on semiconductors and cars.",
            ],
            body_lacks=[
                "Dr. Lena",
                "Ph.D.",
                "About the Authors",
                "Senior Fellow for Energy Security",
                "Ewha Womans University",
                "authors’ own",
                "Image:",
                "Foreign Agents Registration Act",
            ],
        )
    ],
    bom=b"\xfe\xff",
)

# ---------------------------------------------------------------------------
# 3. 2018, UTF-8 with BOM and CRLF: a cookie banner, a reading time and a
#    share bar under the head, NBSP and zero-width spaces, an accented name,
#    categories as "Topics:" with "|", a block quote, a newsletter box in the
#    middle of the body, a caption folded into the credit line ("Cover image:
#    ... Source: ..."), a bio in italics, related posts after the link.
# ---------------------------------------------------------------------------
NB = "\u00a0"
ZW = "\u200b"
T3 = f"""We use cookies to improve your experience on keia.org. By continuing to browse, you agree to our use of cookies. [Accept](#) [Learn more](#)

THE PENINSULA

The Panmunjom Declaration: Ambition{NB}Without a Timetable

Published April{NB}30, 2018

6 min read

Share: [Facebook](#) [Twitter](#) [LinkedIn](#) [Email](#)

Author: [Élodie Marchetti](#){ZW}

Topics: [Inter-Korean Relations](#) | [North Korea](#) | [Summitry](#)

On Friday, Moon Jae-in and Kim Jong-un stepped across the concrete strip that divides the truce village at Panmunjom and spent the day talking, planting a tree and walking along a footbridge out of earshot of their aides. By the evening they had signed a declaration that promises a great deal and commits either side to very little.

The document’s most quoted passage deserves a careful reading. In the words of the English text released by Seoul, the two leaders{ZW}

> confirmed the common goal of realizing, through complete denuclearization, a nuclear-free Korean Peninsula.

That sentence is new mainly in its setting. North Korea signed up to the denuclearization of the peninsula in 1992 and again in 2005, and both times it understood the phrase to include the removal of the American nuclear umbrella over the South.

Get The Peninsula in your inbox
Analysis from KEI’s experts, delivered weekly.
[Subscribe](#)

The practical commitments are more modest but more concrete. The two sides agreed to open a liaison office in Kaesong, to resume reunions of separated families in August, and to turn the Northern Limit Line area into a “maritime peace zone.” Each of these can be tested within months.

What the declaration lacks is a timetable for the nuclear question. That omission leaves the hardest work to the meeting between Kim and President Trump expected in late May or early June, and it means that Seoul’s diplomacy will be judged by an outcome it does not control.

*Élodie Marchetti is Senior Director for Congressional Affairs at the Korea Economic Institute of America. The views expressed here are her own.*

Cover image: Moon Jae-in and Kim Jong-un shake hands at the Military Demarcation Line. Source: [Cheong Wa Dae](#).

{FARA_A}

{FARA_B}

Return to the Peninsula

Related Posts
- [What Moon Wants From Singapore](#)
- [Five Things to Watch at the Summit](#)
"""

write(
    "2018_utf8_bom_crlf_cookie_share_blockquote_newsletter",
    T3,
    "utf-8",
    True,
    [
        brief(
            title="The Panmunjom Declaration: Ambition Without a Timetable",
            published="2018-04-30",
            authors=["Élodie Marchetti"],
            categories=["Inter-Korean Relations", "North Korea", "Summitry"],
            image_credit="Cheong Wa Dae",
            bios={"Élodie Marchetti": "Senior Director for Congressional Affairs"},
            body_has=[
                "commits either side to very little.",
                "> confirmed the common goal of realizing, through complete denuclearization",
                "removal of the American nuclear umbrella over the South.\n\nThe practical commitments",
                "a “maritime peace zone.”",
                "an outcome it does not control.",
            ],
            body_lacks=[
                "cookies",
                "6 min read",
                "Share:",
                "LinkedIn",
                "Get The Peninsula in your inbox",
                "Subscribe",
                "Senior Director for Congressional Affairs",
                "views expressed here",
                "Cover image",
                "Department of Justice",
                "Related Posts",
                "What Moon Wants From Singapore",
                "\u200b",
            ],
        )
    ],
    bom=b"\xef\xbb\xbf",
)

# ---------------------------------------------------------------------------
# 4. 2021, plain UTF-8, LF: a draft with no FARA disclosure, a draft banner
#    and a placeholder link, "Dr." and "Prof." honorifics, an apostrophe name
#    and a Korean name in Western order, "Tags:" set apart by ";", an ordered
#    list and bullets with run-in heads, a bold name over each bio.
# ---------------------------------------------------------------------------
T4 = """THE PENINSULA

DRAFT – NOT FOR PUBLICATION (last edited by jmoore)

South Korea’s Vaccine Hub Ambitions Meet a Supply Crunch

Published July 8, 2021

Authors: [Dr. Soo-hyun Lim](#) and [Prof. Daniel J. O’Keefe](#)

Tags: [Public Health](#); [COVID-19](#); [Industrial Policy](#)

When President Moon Jae-in left Washington in May, he carried home an agreement that was supposed to make South Korea a global center for vaccine production. Korean contract manufacturers would fill and finish doses developed by American firms, and the alliance would gain a health dimension to match its military one.

Two months later, the country faces an awkward contradiction. Its factories are producing tens of millions of doses for export, while fewer than one in ten South Koreans is fully vaccinated. The government’s own rollout has been slowed by delayed deliveries, and a fourth wave of infections in the capital region has pushed daily case counts to records.

The gap has three causes:

1. Korea’s early purchase contracts were signed later and for smaller volumes than those of the United States, the United Kingdom or the European Union.
2. Fill-and-finish work depends on imported drug substance, which the developers allocate under their own priorities.
3. Domestic vaccine candidates are still in clinical trials and will not be available before next year.

None of this means the hub strategy is wrong. It does mean that its benefits will come later than the government suggested, and that officials should be careful about how they describe it. The ministry’s summary of the May agreement [link TK](#) speaks of “securing supply,” which the agreement does not do.

What Seoul can do now:

- Transparency: Publish delivery schedules by manufacturer, as several European governments do, so that the public can see where delays originate.
- Swaps: Negotiate dose swaps with countries whose supply currently exceeds demand, repaying them from later Korean production.
- Talent: Fund training for the bioprocess engineers the new plants will need, which is the real bottleneck for the industry’s growth.

The hub idea is a long-term bet on an industry in which Korea has genuine strengths. It will be easier to sustain if the government is candid about what it cannot deliver this summer.

About the authors

**Soo-hyun Lim**
Soo-hyun Lim is a physician and a Nonresident Fellow in global health at the Korea Economic Institute of America.

**Daniel J. O’Keefe**
Daniel J. O’Keefe is Professor of Health Policy at the University of Minnesota School of Public Health. Views are the authors’ alone.

Feature image from [IMAGE CREDIT TK](#).

Return to the Peninsula
"""

write(
    "2021_draft_no_fara_placeholder_links_prof_semicolon_tags",
    T4,
    "utf-8",
    False,
    [
        brief(
            title="South Korea’s Vaccine Hub Ambitions Meet a Supply Crunch",
            published="2021-07-08",
            authors=["Soo-hyun Lim", "Daniel J. O’Keefe"],
            categories=["Public Health", "COVID-19", "Industrial Policy"],
            image_credit="",
            disclosure=False,
            bios={
                "Soo-hyun Lim": "Nonresident Fellow in global health",
                "Daniel J. O’Keefe": "Professor of Health Policy",
            },
            body_has=[
                "a health dimension to match its military one.",
                "1. Korea’s early purchase contracts were signed later",
                "3. Domestic vaccine candidates are still in clinical trials",
                "Publish delivery schedules by manufacturer",
                "repaying them from later Korean production.",
                "what it cannot deliver this summer.",
            ],
            body_lacks=[
                "DRAFT",
                "jmoore",
                "Dr. Soo-hyun",
                "Prof.",
                "About the authors",
                "University of Minnesota",
                "Views are the authors",
                "IMAGE CREDIT TK",
                "Return to the Peninsula",
            ],
            warnings_have=["placeholder"],
        )
    ],
)

# ---------------------------------------------------------------------------
# 5. 2026, UTF-16 LE with BOM and CRLF (PowerShell): the Korea Policy Series
#    note for a new journal issue, a correction line with its reason under the
#    head, three co-authors joined by "," and "&" with "Amb." and a "Jr.",
#    a Korean name family name first, Executive Summary / Policy
#    Recommendations / Conclusion, run-in bold heads, bullets, endnotes with
#    [n] markers, a bio block above the image credit, the disclosure split.
# ---------------------------------------------------------------------------
T5 = f"""THE PENINSULA

Korea Policy Series: Extended Deterrence After the
Nuclear Consultative Group

Published February 10, 2026

Correction, February 12, 2026: An earlier version of this post gave the wrong year for the first meeting of the Nuclear Consultative Group. It was 2023.

Authors: [Amb. Helena Vasquez-Rhee](#), [Baek Ji-hoon](#) & [Thomas E. Caldwell Jr.](#)

Category: [Security](#), [Nuclear Policy](#), [U.S.-Korea Alliance](#)

The following policy brief is part of a limited series from the Korea Economic Institute of America accompanying the release of Korea Policy, Volume 4 Issue 1, on the future of alliance deterrence. The issue is available on KEI’s website.

Executive Summary

The Nuclear Consultative Group was created to give Seoul a seat at the table in American nuclear planning without giving it nuclear weapons. Three years on, the group has produced guidelines, tabletop exercises and regular visits by strategic assets, but South Korean public support for an indigenous arsenal remains above sixty percent.[1] This brief argues that the gap between what the group does and what the public believes it does is now the alliance’s main deterrence problem.

What the Group Has Done

Planning. The two governments have agreed on guidelines for consultation in a nuclear crisis and have rehearsed them in a series of tabletop exercises, the most recent held in Washington last autumn.[2]

Visibility. A U.S. ballistic missile submarine made a port call in Busan for the first time in four decades, and strategic bombers have flown with Korean fighters on a regular schedule.

Integration. Korean conventional forces now train for roles in support of American nuclear operations, a step that would have been unthinkable a decade ago.

Why Public Doubts Persist

Surveys show that most South Koreans do not know what the group is.[3] Those who do know often doubt that an American president would risk a U.S. city to defend Seoul, and the debate in Washington over burden-sharing has done nothing to reassure them.

Policy Recommendations

- Explain the group: Publish an unclassified summary of each meeting and have ministers brief the National Assembly’s defense committee twice a year.
- Make commitments visible: Announce strategic asset deployments in advance where operational security allows, rather than only after the fact.
- Separate deterrence from cost: Keep cost-sharing negotiations on a separate track so that the price of the alliance is not read as the price of the umbrella.

Conclusion

Deterrence depends on what adversaries believe, but alliance cohesion depends on what allied publics believe. The group has strengthened the first without doing much for the second, and that imbalance should be the focus of its next phase.

Endnotes

[1] Polling by several Seoul research institutes since 2022 has found majority support for a domestic nuclear weapons program.

[2] Details of the exercises have not been released; the description here draws on public statements by both ministries.

[3] In one 2025 survey, fewer than a quarter of respondents could identify the group’s purpose.

Helena Vasquez-Rhee is a Distinguished Fellow at the Korea Economic Institute of America and a former U.S. Ambassador to the Republic of Korea. Baek Ji-hoon is a Research Fellow at the Korea Institute for Defense Analyses. Thomas E. Caldwell Jr. is a Senior Fellow at the Center for Alliance Studies. All views are the authors’ alone.

Feature image courtesy of [U.S. Forces Korea](#).

{FARA_A}

{FARA_B}

Return to the Peninsula
"""

write(
    "2026_utf16le_crlf_series_correction_amb_jr_endnotes",
    T5,
    "utf-16-le",
    True,
    [
        brief(
            title="Korea Policy Series: Extended Deterrence After the Nuclear Consultative Group",
            published="2026-02-10",
            updated="2026-02-12",
            authors=["Helena Vasquez-Rhee", "Baek Ji-hoon", "Thomas E. Caldwell Jr."],
            categories=["Security", "Nuclear Policy", "U.S.-Korea Alliance"],
            series="Korea Policy Series (Korea Policy, Vol. 4, Issue 1)",
            image_credit="U.S. Forces Korea",
            bios={
                "Helena Vasquez-Rhee": "Distinguished Fellow",
                "Baek Ji-hoon": "Research Fellow at the Korea Institute for Defense Analyses",
                "Thomas E. Caldwell Jr.": "Senior Fellow at the Center for Alliance Studies",
            },
            body_has=[
                "## Executive Summary",
                "the alliance’s main deterrence problem.",
                "## Policy Recommendations",
                "Publish an unclassified summary of each meeting",
                "rather than only after the fact.",
                "## Conclusion",
                "the focus of its next phase.",
                "majority support for a domestic nuclear weapons program.",
                "could identify the group’s purpose.",
            ],
            body_lacks=[
                "Amb.",
                "Correction, February 12",
                "Distinguished Fellow",
                "Korea Institute for Defense Analyses",
                "Center for Alliance Studies",
                "All views are the authors",
                "courtesy of",
                "Department of Justice",
                "Return to the Peninsula",
            ],
        )
    ],
    bom=b"\xff\xfe",
)
print("ok")
