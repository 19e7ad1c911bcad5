import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helveticaWidth } from '../../../src/core/report/pdf/helvetica-metrics.js';
import { wrapLines } from '../../../src/core/report/pdf/line-wrap.js';
import { pdfString } from '../../../src/core/report/pdf/raw-content.js';
import { pdfText, winAnsiCode } from '../../../src/core/report/pdf/win-ansi.js';

describe('text for the standard PDF fonts', () => {
  it('keeps Latin-1 and the WinAnsi extras as they are', () => {
    const text = 'Kjøkken Ærø Åse Zürich façade señor «ß» €5 “quoted” ‘x’ – — … • ™ Œuvre Šárka';
    assert.equal(pdfText(text), text);
    assert.equal(winAnsiCode('€'), 0x80);
    assert.equal(winAnsiCode('™'), 0x99);
    assert.equal(winAnsiCode('Ÿ'), 0x9f);
    assert.equal(winAnsiCode('ø'), 0xf8);
    assert.equal(winAnsiCode('\u0081'), undefined);
  });

  it('gives letters outside Latin-1 their base letter, and ? to what has none', () => {
    assert.equal(pdfText('Łódź Kraków Dvořák Đurđevac ő ť'), 'Lódz Kraków Dvorák Durdevac o t');
    assert.equal(pdfText('日本 Ω 🙂!'), '?? ? ?!');
    assert.equal(pdfText('ﬁle ２'), 'file 2');
  });

  it('turns control characters into spaces, so a name cannot break a line', () => {
    assert.equal(pdfText('a\nb\tc\u0085d'), 'a b c d');
  });

  it('writes PDF strings in WinAnsi, escaping what a string literal must', () => {
    assert.equal(pdfString('203.0.113.20: no answer'), '(203.0.113.20: no answer)');
    assert.equal(pdfString('(reported by 100.64.0.1) a\\b'), '(\\(reported by 100.64.0.1\\) a\\\\b)');
    assert.equal(pdfString('Kjøkken € – “x”'), '(Kj\\370kken \\200 \\226 \\223x\\224)');
  });
});

describe('Helvetica line wrapping', () => {
  it('measures with the font metrics: a date and time at 7.5 pt is 69.6 pt', () => {
    assert.equal(helveticaWidth('2025-10-01 01:00:00', 7.5).toFixed(2), '69.63');
    assert.equal(helveticaWidth('MW', 10).toFixed(2), '17.77');
  });

  it('breaks at spaces, each line within the width, losing nothing', () => {
    const text = 'first failed probe: no answer; router 192.0.2.1: answered in 0.6 ms; DNS 203.0.113.53 for example.com: no answer';
    const lines = wrapLines(text, 120, 7.5);
    assert.ok(lines.length >= 3, lines.join(' | '));
    for (const line of lines) assert.ok(helveticaWidth(line, 7.5) <= 120, line);
    assert.equal(lines.join(' '), text);
  });

  it('splits a word longer than a line', () => {
    const host = `${'a'.repeat(80)}.example.com`;
    const lines = wrapLines(`DNS ${host}: no answer`, 100, 7.5);
    for (const line of lines) assert.ok(helveticaWidth(line, 7.5) <= 100, line);
    assert.equal(lines.join('').replace(/ /g, ''), `DNS${host}:noanswer`);
  });

  it('gives one empty line for empty text', () => {
    assert.deepEqual(wrapLines('', 50, 7.5), ['']);
  });
});
