import GithubSlugger from 'github-slugger';
import { Children, isValidElement, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import type { GuidelineExample } from '../../shared/domain/guideline';
import { splitAnchor } from '../../shared/guideline/sections';
import { ExampleCard } from './ExampleCard';
import { GuidelineLink } from './GuidelineLink';
import './guidelines.css';

/**
 * A guideline rendered from Markdown: headings carry their anchors (`{#fillers}` or a slug,
 * exactly as `guidelineSections` computes them), and each section shows its examples right
 * under its heading. react-markdown renders no raw HTML, so a guideline cannot inject markup,
 * and its links open outside the app only as `GuidelineLink` allows.
 */
export function GuidelineView({
  bodyMd,
  examples,
  controls,
}: {
  bodyMd: string;
  examples: readonly GuidelineExample[];
  /** Editing controls under each example (in the draft). */
  controls?: (example: GuidelineExample) => ReactNode;
}) {
  const slugger = new GithubSlugger();
  const heading =
    (Tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6') =>
    ({ children }: { children?: ReactNode }) => {
      const { title, anchor: explicit } = splitAnchor(textOf(children));
      const anchor = explicit ?? slugger.slug(title);
      if (explicit) slugger.slug(explicit);
      const here = examples.filter((example) => example.section === anchor);
      return (
        <>
          <Tag id={anchor}>
            {title}{' '}
            <a className="anchor-link" href={`#${anchor}`} aria-label={`Link to ${title}`} onClick={(e) => e.preventDefault()} title={`#${anchor}`}>
              #
            </a>
          </Tag>
          {here.length > 0 && (
            <div className="guideline-examples">
              {here.map((example) => (
                <ExampleCard key={example.id} example={example}>
                  {controls?.(example)}
                </ExampleCard>
              ))}
            </div>
          )}
        </>
      );
    };
  const components: Components = {
    h1: heading('h1'),
    h2: heading('h2'),
    h3: heading('h3'),
    h4: heading('h4'),
    h5: heading('h5'),
    h6: heading('h6'),
    a: ({ href, children }) => <GuidelineLink href={href}>{children}</GuidelineLink>,
  };
  return (
    <div className="markdown guideline-view">
      <Markdown components={components}>{bodyMd}</Markdown>
    </div>
  );
}

function textOf(children: ReactNode): string {
  return Children.toArray(children)
    .map((child) =>
      typeof child === 'string' || typeof child === 'number'
        ? String(child)
        : isValidElement<{ children?: ReactNode }>(child)
          ? textOf(child.props.children)
          : '',
    )
    .join('');
}
