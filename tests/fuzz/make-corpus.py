#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the seed corpora of the fuzz targets, tests/fuzz/corpus/TARGET/,
# from the seed reports of tests/data/seeds: the texts in every encoding and
# layout a report arrives in, and small HTML pages, Word documents and PDFs
# made of them, well formed and damaged.  The output is committed (the
# regression test runs it in every build); run this again only to change it:
#
#   tests/fuzz/make-corpus.py
#
# Deterministic: the same seeds give the same bytes, so git sees no change
# unless this script changes.  Only the Python standard library is used.

import io
import os
import re
import shutil
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, '..', 'data', 'seeds')
OUT = os.path.join(HERE, 'corpus')


def seed_texts():
    texts = {}
    for name in sorted(os.listdir(SEEDS)):
        if name.endswith('.txt'):
            with open(os.path.join(SEEDS, name), encoding='utf-8') as f:
                texts[name[:3]] = f.read()
    return texts


def head(text, limit):
    """The first lines of @text, at most @limit characters."""
    out = []
    n = 0
    for line in text.split('\n'):
        if n + len(line) + 1 > limit:
            break
        out.append(line)
        n += len(line) + 1
    return '\n'.join(out) + '\n'


def rows_of(text):
    """The text as rows of cells: TSV rows split at tabs, pipe rows at
    pipes, anything else one cell."""
    rows = []
    for line in text.split('\n'):
        line = line.rstrip('\r')
        if not line.strip():
            continue
        if '\t' in line.strip('\t') or line.count('\t') >= 2:
            rows.append(line.split('\t'))
        elif '|' in line:
            rows.append([c.strip() for c in line.strip().strip('|').split('|')])
        else:
            rows.append([line.strip()])
    return rows


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


# ---- Text, in every encoding and layout ----------------------------------

def text_seeds(texts):
    out = {}
    for key, text in texts.items():
        out['seed-%s.txt' % key] = text.encode('utf-8')
    # Markdown rows: "| a | b |" with a rule after the first row.
    md = []
    first = True
    for line in texts['004'].split('\n'):
        if '|' in line:
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            md.append('| ' + ' | '.join(cells) + ' |')
            if first:
                md.append('|' + '---|' * len(cells))
                first = False
        else:
            md.append(line)
            first = True
    out['markdown-004.txt'] = '\n'.join(md).encode('utf-8')
    # Scraped from a portal page: the cells of a row run together.
    scraped = []
    for line in texts['001'].split('\n'):
        scraped.append(''.join(line.split('\t')) if '\t' in line else line)
    out['scraped-001.txt'] = '\n'.join(scraped).encode('utf-8')
    # Windows and classic Mac line ends.
    out['crlf-002.txt'] = head(texts['002'], 2500).replace('\n', '\r\n').encode('utf-8')
    out['cr-003.txt'] = head(texts['003'], 1500).replace('\n', '\r').encode('utf-8')
    # Layouts mixed in one file, and tables in an unusual order.
    rows = texts['000'].split('\n\n')
    out['mixed-000-001.txt'] = (head(texts['001'], 1500) + '\n' + '\n\n'.join(reversed(rows[:40]))).encode('utf-8')
    return out


def encoded_seeds(texts):
    sample = head(texts['002'], 1500)
    return {
        'utf8.txt': sample.encode('utf-8'),
        'utf8-bom.txt': b'\xef\xbb\xbf' + sample.encode('utf-8'),
        'utf16le-bom.txt': b'\xff\xfe' + sample.encode('utf-16-le'),
        'utf16be-bom.txt': b'\xfe\xff' + sample.encode('utf-16-be'),
        'utf16le.txt': sample.encode('utf-16-le'),
        'utf16be.txt': sample.encode('utf-16-be'),
        'utf32le-bom.txt': b'\xff\xfe\x00\x00' + head(sample, 600).encode('utf-32-le'),
        'gb18030.txt': sample.encode('gb18030'),
        'big5.txt': head(sample, 800).encode('big5', errors='replace'),
        'latin1.txt': 'Gesch\xe4ftsbericht \xfcber das Jahr 2021\n\xa7 1\t12\t0\n'.encode('latin-1'),
        'binary.bin': bytes(range(256)) * 2,
        'png.bin': b'\x89PNG\r\n\x1a\n' + bytes(64),
        'ole2.doc': b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + bytes(120),
        'rtf.rtf': b'{\\rtf1\\ansi 2021\\par}',
        'empty.txt': b'',
        'spaces.txt': ' \t\n\u3000\n'.encode('utf-8'),
    }


# ---- HTML ------------------------------------------------------------------

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def html_page(text, charset='utf-8', xhtml=False, layout_table=False):
    body = []
    in_table = False
    for cells in rows_of(text):
        if len(cells) == 1:
            if in_table:
                body.append('</table>')
                in_table = False
            body.append('<p>%s</p>' % esc(cells[0]))
            continue
        if not in_table:
            body.append('<table border="1" cellspacing="0">')
            in_table = True
        tds = []
        i = 0
        while i < len(cells):
            # Empty cells after a label: a merged cell, as pages write it.
            span = 1
            while i + span < len(cells) and cells[i + span] == '' and i == 0:
                span += 1
            attr = ' colspan="%d"' % span if span > 1 else ''
            tds.append('<td%s>%s</td>' % (attr, esc(cells[i]) or '&nbsp;'))
            i += span
        body.append('<tr>' + ''.join(tds) + '</tr>')
    if in_table:
        body.append('</table>')
    content = '\n'.join(body)
    if layout_table:
        content = ('<table width="100%%"><tr><td class="nav">首页 &gt; 政务公开</td></tr>'
                   '<tr><td class="content">\n%s\n</td></tr></table>' % content)
    if xhtml:
        return ('<?xml version="1.0" encoding="%s"?>\n'
                '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>年度报告</title></head>'
                '<body>\n%s\n</body></html>\n' % (charset, content))
    return ('<!DOCTYPE html>\n<html><head><meta charset="%s">'
            '<title>年度报告</title><style>td{border:1px}</style>'
            '<script>var x = "<td>";</script></head>'
            '<body>\n%s\n</body></html>\n' % (charset, content))


def html_seeds(texts):
    out = {}
    out['page-001.html'] = html_page(texts['001']).encode('utf-8')
    out['page-gbk-002.html'] = html_page(head(texts['002'], 3000), charset='gbk').encode('gb18030')
    out['xhtml-004.html'] = html_page(head(texts['004'], 3000), xhtml=True).encode('utf-8')
    out['layout-table-003.html'] = html_page(head(texts['003'], 3000), layout_table=True).encode('utf-8')
    out['utf16le-000.html'] = b'\xff\xfe' + html_page(head(texts['000'], 1500), charset='utf-16').encode('utf-16-le')
    # Spans over the whole grid, nesting, broken markup, entities.
    out['spans.html'] = (
        '<html><body><table>'
        '<tr><td rowspan="3" colspan="2">申请人情况</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
        '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>'
        '<tr><td colspan="1000">1</td></tr>'
        '<tr><td rowspan="0">2</td><td rowspan="65535">3</td><td colspan="-1">4</td><td colspan="x">5</td></tr>'
        '</table></body></html>\n').encode('utf-8')
    out['nested.html'] = ('<html><body>' + '<div><table><tr><td>' * 40 + '一、总体情况'
                          + '</td></tr></table></div>' * 40 + '</body></html>\n').encode('utf-8')
    out['deep.html'] = ('<html><body>' + '<div>' * 300 + '本年新收' + '</body></html>\n').encode('utf-8')
    out['broken.html'] = ('<html><head><title>报告<body><table><tr><td>本年新收<td>12</tr></td>'
                          '<p>&nbsp;&#x4E00;&#99999999;&#0;&bogus;&lt;td&gt;<table><tr><td>'
                          '</body></html><tr><td>9\n').encode('utf-8')
    return out


# ---- DOCX --------------------------------------------------------------------

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'


def w_par(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % esc(text)


def docx_body(text, nested=False):
    parts = []
    table = []

    def flush():
        if not table:
            return
        width = max(len(r) for r in table)
        xml = ['<w:tbl><w:tblGrid>' + '<w:gridCol w:w="1000"/>' * width + '</w:tblGrid>']
        for r, cells in enumerate(table):
            tcs = []
            for c, cell in enumerate(cells):
                props = ''
                if c == 0 and r > 0 and cell == '' and table[r - 1][0] != '':
                    props = '<w:tcPr><w:vMerge/></w:tcPr>'
                elif c == 0 and r + 1 < len(table) and table[r + 1][0] == '':
                    props = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
                tcs.append('<w:tc>%s%s</w:tc>' % (props, w_par(cell)))
            if len(cells) < width:
                tcs[-1] = tcs[-1].replace('<w:tc>', '<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>'
                                          % (width - len(cells) + 1), 1)
            xml.append('<w:tr>' + ''.join(tcs) + '</w:tr>')
        xml.append('</w:tbl>')
        parts.append(''.join(xml))
        table.clear()

    for cells in rows_of(text):
        if len(cells) == 1:
            flush()
            parts.append(w_par(cells[0]))
        else:
            table.append(cells)
    flush()
    body = ''.join(parts)
    if nested:
        body = ('<w:tbl><w:tr><w:tc>' + body + '</w:tc></w:tr></w:tbl>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>\n' % (W, body))


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def zip_bytes(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', compression) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = compression
            z.writestr(info, data)
    return buf.getvalue()


def docx(document_xml, compression=zipfile.ZIP_DEFLATED):
    return zip_bytes([('[Content_Types].xml', CONTENT_TYPES), ('_rels/.rels', RELS),
                      ('word/document.xml', document_xml)], compression)


def docx_seeds(texts):
    out = {}
    out['report-001.docx'] = docx(docx_body(texts['001']))
    out['stored-002.docx'] = docx(docx_body(head(texts['002'], 1200)), zipfile.ZIP_STORED)
    out['nested-004.docx'] = docx(docx_body(head(texts['004'], 2000), nested=True))
    # The bodies alone: the target zips an input that is not a zip.
    out['body-000.xml'] = docx_body(head(texts['000'], 2500))
    out['body-spans.xml'] = (
        '<?xml version="1.0"?><w:document xmlns:w="%s"><w:body><w:tbl>'
        '<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="9999"/></w:tcPr>'
        '<w:p><w:r><w:t>本年新收</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t><w:tab/>'
        '<w:t>2</w:t><w:br/><w:t>3</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="0"/>'
        '</w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>' % W)
    out['body-entity.xml'] = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                              '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
                              '<!ENTITY ext SYSTEM "http://example.invalid/x">]>'
                              '<w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&c;&ext;</w:t></w:r></w:p>'
                              '</w:body></w:document>' % W)
    # Not a Word document, though a zip; and a body that inflates 1000 times.
    out['odt.docx'] = zip_bytes([('mimetype', 'application/vnd.oasis.opendocument.text'),
                                 ('content.xml', '<office:document-content/>'),
                                 ('word/document.xml.bak', 'x')])
    out['ratio.docx'] = docx('<?xml version="1.0"?><w:document xmlns:w="%s"><w:body>' % W
                             + ' ' * (2 * 1024 * 1024) + '</w:body></w:document>')
    return out


# ---- PDF ---------------------------------------------------------------------

def pdf_text(s):
    """A string in the Identity-H font: two bytes a character (the BMP)."""
    return '<' + ''.join('%04X' % ord(c) for c in s if ord(c) < 0x10000) + '>'


def pdf_file(pages, compress=False, with_font=True):
    """@pages: a content stream (str) per page."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    font = 0
    if with_font:
        cmap = ['/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
                '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
                '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
                '1 begincodespacerange <0000> <FFFF> endcodespacerange']
        # Only the characters the pages use, as Word writes it: a map of
        # the whole BMP costs poppler a second a page under ASan.
        used = sorted(set(int(code, 16) for content in pages
                          for text in re.findall(r'<([0-9A-F]+)> Tj', content)
                          for code in re.findall('....', text)))
        for start in range(0, len(used), 100):
            block = used[start:start + 100]
            cmap.append('%d beginbfchar' % len(block))
            cmap.extend('<%04X> <%04X>' % (c, c) for c in block)
            cmap.append('endbfchar')
        cmap.append('endcmap CMapName currentdict /CMap defineresource pop end end')
        cmap = zlib.compress('\n'.join(cmap).encode('ascii'), 9)
        to_unicode = add(b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(cmap) + cmap + b'\nendstream')
        descriptor = add(b'<< /Type /FontDescriptor /FontName /GkSans /Flags 4 /FontBBox [0 -200 1000 900] '
                         b'/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>')
        cid_font = add(b'<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GkSans '
                       b'/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> '
                       b'/FontDescriptor %d 0 R /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>' % descriptor)
        font = add(b'<< /Type /Font /Subtype /Type0 /BaseFont /GkSans /Encoding /Identity-H '
                   b'/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>' % (cid_font, to_unicode))
    kids = []
    for content in pages:
        data = content.encode('ascii')
        if compress:
            data = zlib.compress(data, 9)
            stream = add(b'<< /Length %d /Filter /FlateDecode >>\nstream\n' % len(data) + data + b'\nendstream')
        else:
            stream = add(b'<< /Length %d >>\nstream\n' % len(data) + data + b'\nendstream')
        resources = b'<< /Font << /F1 %d 0 R >> >>' % font if font else b'<< >>'
        kids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>'
                        % (pages_obj, resources, stream)))
    objects[catalog - 1] = b'<< /Type /Catalog /Pages %d 0 R >>' % pages_obj
    objects[pages_obj - 1] = (b'<< /Type /Pages /Kids [%s] /Count %d >>'
                              % (b' '.join(b'%d 0 R' % k for k in kids), len(kids)))

    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % (i + 1) + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, catalog, xref)
    return bytes(out)


def pdf_pages(text, lines_per_page=56):
    """The rows of @text laid out as a table: a label column, then the
    values in columns of their own, a rule under each row."""
    pages = []
    ops = []
    y = 800
    for cells in rows_of(text):
        if len(ops) and y < 60:
            pages.append('\n'.join(ops))
            ops, y = [], 800
        if len(cells) == 1:
            ops.append('BT /F1 9 Tf 40 %d Td %s Tj ET' % (y, pdf_text(cells[0][:60])))
        else:
            x = 40
            for i, cell in enumerate(cells):
                if cell:
                    ops.append('BT /F1 8 Tf %d %d Td %s Tj ET' % (x + 2, y, pdf_text(cell[:24])))
                x += 170 if i == 0 else 48
            ops.append('0.5 w 40 %d m 555 %d l S' % (y - 4, y - 4))
        y -= 14
    if ops:
        pages.append('\n'.join(ops))
    return pages


def pdf_seeds(texts):
    out = {}
    out['table-001.pdf'] = pdf_file(pdf_pages(texts['001']))
    out['flate-004.pdf'] = pdf_file(pdf_pages(texts['004']), compress=True)
    out['hello.pdf'] = pdf_file(['BT /F1 12 Tf 72 720 Td %s Tj ET' % pdf_text('本年新收 12')])
    # Page images only: a scan.
    out['scan.pdf'] = pdf_file(['q 100 0 0 100 72 600 cm BI /W 4 /H 4 /BPC 8 /CS /G ID '
                                + 'x' * 16 + ' EI Q'], with_font=False)
    good = pdf_file(pdf_pages(head(texts['002'], 2000)))
    out['truncated-002.pdf'] = good[:len(good) * 2 // 3]
    out['junk-before.pdf'] = b'HTTP/1.1 200 OK\r\n\r\n' + pdf_file(['BT /F1 12 Tf 72 720 Td %s Tj ET' % pdf_text('一、总体情况')])
    return out


def main():
    texts = seed_texts()
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)

    text = text_seeds(texts)
    encoded = encoded_seeds(texts)
    html = html_seeds(texts)
    docs = docx_seeds(texts)
    pdfs = pdf_seeds(texts)

    # Each target's seeds are in the folders listed in build-aux/fuzz and
    # tests/fuzz/gk-fuzz-entries.c: the whole parse reads them all.
    for folder, group in (('decode', encoded), ('text', text), ('html', html), ('docx', docs), ('pdf', pdfs)):
        for name, data in group.items():
            write(folder, name, data)

    total = 0
    for root, _, files in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    print('%s: %d kB' % (os.path.relpath(OUT), total // 1024))


if __name__ == '__main__':
    sys.exit(main())
