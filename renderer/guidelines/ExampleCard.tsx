import { useRef } from 'react';
import type { GuidelineExample } from '../../shared/domain/guideline';
import { api } from '../api/api';
import { labelerColor } from '../review/labeler-names';
import { countOf } from '../../shared/text/plural';

/** A real case in the guideline: the image crop with everyone's boxes, or the audio with the competing transcripts. */
export function ExampleCard({ example, children }: { example: GuidelineExample; children?: React.ReactNode }) {
  const { evidence } = example;
  return (
    <figure className={`example-card example-${example.polarity}`} data-sample={example.sampleName}>
      <figcaption>
        <strong>{example.polarity === 'do' ? 'Do' : "Don't"}</strong> {example.caption || <span className="muted">{example.sampleName}</span>}
      </figcaption>
      {evidence.kind === 'bbox' ? (
        <div className="example-crops">
          {evidence.labels.map((label, index) => (
            <div key={label.who} className="example-crop">
              <svg
                viewBox={`${evidence.crop.x1} ${evidence.crop.y1} ${evidence.crop.x2 - evidence.crop.x1} ${evidence.crop.y2 - evidence.crop.y1}`}
                role="img"
                aria-label={`${label.who}: ${countOf(label.boxes.length, 'box', 'boxes')}`}
              >
                <image
                  href={api.mediaUrl({ id: example.sampleId, sha256: example.sha256 }, 'display')}
                  x={0}
                  y={0}
                  width={evidence.image.width}
                  height={evidence.image.height}
                />
                {label.boxes.map((box) => (
                  <rect
                    key={box.id}
                    x={box.x1}
                    y={box.y1}
                    width={box.x2 - box.x1}
                    height={box.y2 - box.y1}
                    fill="none"
                    stroke={labelerColor(index)}
                    strokeWidth={2}
                    vectorEffect="non-scaling-stroke"
                  />
                ))}
              </svg>
              <span className="muted">{label.who}</span>
            </div>
          ))}
        </div>
      ) : (
        <AudioExample example={example} />
      )}
      {children}
    </figure>
  );
}

function AudioExample({ example }: { example: GuidelineExample }) {
  const audio = useRef<HTMLAudioElement>(null);
  if (example.evidence.kind !== 'transcript') return null;
  const { span, labels } = example.evidence;
  const play = () => {
    const element = audio.current;
    if (!element) return;
    element.currentTime = span.startMs / 1000;
    void element.play();
  };
  return (
    <div className="example-audio">
      <button type="button" onClick={play} aria-label={`Play ${example.sampleName}`}>
        ▶ {(span.startMs / 1000).toFixed(1)}–{(span.endMs / 1000).toFixed(1)} s
      </button>
      <audio
        ref={audio}
        src={api.mediaUrl({ id: example.sampleId, sha256: example.sha256 }, 'original')}
        preload="none"
        onTimeUpdate={(e) => {
          if (e.currentTarget.currentTime >= span.endMs / 1000) e.currentTarget.pause();
        }}
      />
      <dl>
        {labels.map((label) => (
          <div key={label.who}>
            <dt>{label.who}</dt>
            <dd>{label.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
