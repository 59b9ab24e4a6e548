import datetime
import json

from meetings.ingestion.readers import ArticleInput, Rejection, Skipped, read_paths

LIMIT = 1_000_000

HTML = """<html><head><title>Pakistan and Russia hold talks</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-11-14"></head>
<body><nav>Home | World</nav><article><h1>Pakistan and Russia hold talks</h1>
<p>ISLAMABAD: The eighth meeting of the Russia-Pakistan Joint Working Group on
Counter-terrorism was held in Moscow on November 12, the Foreign Office said.</p>
<p>Ahmad Farooq, Director General Counter Terrorism, led the Pakistan delegation while the
Russian side was represented by Vladimir Tarabrin of the Foreign Ministry.</p>
<p>It was agreed to hold the next meeting of the Joint Working Group in Islamabad.</p>
</article><footer>Copyright</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>First</title><link>https://example.org/a</link>
<pubDate>Thu, 14 Nov 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The eighth meeting was held in Moscow.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/b</link><description></description></item>
</channel></rss>"""


def read(*paths):
    return list(read_paths(paths, max_bytes=LIMIT))


def test_read_paths_txt_file_is_one_article_named_by_base_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(" date 2019-11-14 Wire\nBody.", encoding="utf-8")

    items = read(path)

    assert items == [
        ArticleInput(source="a.txt", text=" date 2019-11-14 Wire\nBody.", origin=str(path))
    ]


def test_read_paths_folder_recurses_and_skips_other_types(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")

    items = read(tmp_path)

    assert [type(i).__name__ for i in items] == ["ArticleInput", "Skipped", "ArticleInput"]
    assert [i.source for i in items if isinstance(i, ArticleInput)] == ["a.txt", "b.txt"]
    assert items[1] == Skipped(str(tmp_path / "notes.pdf"), "unknown file type '.pdf'")


def test_read_paths_bad_files_are_rejected_with_reason(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("x" * 50, encoding="utf-8")
    (tmp_path / "doc.docx").write_bytes(b"PK")

    items = list(
        read_paths(
            [
                tmp_path / "latin1.txt",
                tmp_path / "empty.txt",
                tmp_path / "big.txt",
                tmp_path / "doc.docx",
                tmp_path / "missing.txt",
            ],
            max_bytes=20,
        )
    )

    assert [(i.origin.rsplit("/", 1)[-1], i.reason) for i in items] == [
        ("latin1.txt", "not UTF-8 (byte 3)"),
        ("empty.txt", "empty file"),
        ("big.txt", "file too large (50 bytes, limit 20)"),
        ("doc.docx", "unknown file type '.docx'"),
        ("missing.txt", "no such file or directory"),
    ]
    assert all(isinstance(i, Rejection) for i in items)


def test_read_paths_jsonl_lines_become_articles_and_bad_lines_rejections(tmp_path):
    path = tmp_path / "dump.jsonl"
    good = {
        "url": "https://example.org/x",
        "title": "T",
        "published": "2019-11-14T08:00:00Z",
        "outlet": "Wire",
        "text": "The meeting.",
    }
    path.write_text(
        "\n".join([json.dumps(good), "{not json", json.dumps({"url": "u"}), ""]),
        encoding="utf-8",
    )

    items = read(path)

    assert items[0] == ArticleInput(
        source="https://example.org/x",
        text="The meeting.",
        origin=f"{path}:1",
        url="https://example.org/x",
        title="T",
        published=datetime.date(2019, 11, 14),
        outlet="Wire",
    )
    assert [(i.origin, i.reason) for i in items[1:]] == [
        (f"{path}:2", "not JSON: Expecting property name enclosed in double quotes"),
        (f"{path}:3", "no text"),
    ]


def test_read_paths_feed_entries_become_articles(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(FEED, encoding="utf-8")

    items = read(path)

    assert items[0] == ArticleInput(
        source="https://example.org/a",
        text="The eighth meeting was held in Moscow.",
        origin=f"{path}:entry 1",
        url="https://example.org/a",
        title="First",
        published=datetime.date(2019, 11, 14),
        outlet="Wire",
    )
    assert items[1] == Rejection(f"{path}:entry 2", "entry has no text")


def test_read_paths_broken_feed_is_rejected(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<rss><channel><item><title>x</ti", encoding="utf-8")

    items = read(path)

    assert len(items) == 1
    assert items[0].reason.startswith("broken feed")


def test_read_paths_html_page_gives_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")

    (item,) = read(path)

    assert item.source == "page.html"
    assert item.title == "Pakistan and Russia hold talks"
    assert item.published == datetime.date(2019, 11, 14)
    assert "eighth meeting of the Russia-Pakistan Joint Working Group" in item.text
    assert "Copyright" not in item.text


def test_read_paths_html_without_text_is_rejected(tmp_path):
    path = tmp_path / "blank.htm"
    path.write_text("<html><body><div></div></body></html>", encoding="utf-8")

    assert read(path) == [Rejection(str(path), "no article text found in the HTML")]
