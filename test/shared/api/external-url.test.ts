import { describe, expect, it } from 'vitest';
import { externalWebUrl } from '../../../shared/api/external-url';

describe('externalWebUrl: which links may open outside the app', () => {
  it.each([
    ['https://example.org/guide#boxes', 'https://example.org/guide#boxes'],
    ['http://example.org', 'http://example.org'],
    ['HTTPS://Example.org/a?b=c', 'HTTPS://Example.org/a?b=c'],
    ['  https://example.org/  ', 'https://example.org/'],
    ['https://example.org:8443/path', 'https://example.org:8443/path'],
  ])('lets the web page %s through', (href, expected) => {
    expect(externalWebUrl(href)).toBe(expected);
  });

  it.each([
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['smb://server/share'],
    ['ms-msdt:/id PCWDiagnostic'],
    ['app://concord/'],
    ['concord-media://sample/1/original/ab'],
    ['mailto:ana@example.org'],
    ['//example.org/protocol-relative'],
    ['/relative/path'],
    ['#section'],
    ['https://'],
    ['https:///no-host'],
    ['https://bank.example@evil.example/'],
    ['https://user:pass@example.org/'],
    ['https://exa mple.org/'],
    ['https://example.org/\njavascript:alert(1)'],
    ['https:\\\\evil.example'],
    ['https://evil.example\\@good.example'],
    [''],
  ])('refuses %s', (href) => {
    expect(externalWebUrl(href)).toBeNull();
  });
});
