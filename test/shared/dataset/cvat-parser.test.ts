import { describe, expect, it } from 'vitest';
import { parseCvat } from '../../../shared/dataset/import/parse-cvat';

const SECRET = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG';

/** A job's export, shaped as CVAT's "for images 1.1" documentation describes it. */
const JOB = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <job>
      <id>4</id>
      <size>3</size>
      <mode>annotation</mode>
      <owner><username>admin</username><email>admin@example.org</email></owner>
      <assignee><username>ana</username><email>ana@example.org</email></assignee>
      <labels><label><name>car</name><type>rectangle</type><attributes></attributes></label></labels>
    </job>
    <dumped>2026-11-30 10:00:00+00:00</dumped>
  </meta>
  <image id="0" name="street/0001.jpg" width="200" height="100">
    <box label="car" source="manual" occluded="0" xtl="10.5" ytl="20" xbr="40.25" ybr="60" z_order="0"></box>
    <box label="7" source="manual" occluded="1" xtl="100" ytl="0" xbr="200" ybr="100" z_order="0">
      <attribute name="color">red</attribute>
    </box>
  </image>
  <image id="1" name="park.png" width="200" height="100">
  </image>
</annotations>
`;

describe('CVAT for images 1.1 XML', () => {
  it("reads a job's boxes in pixels, as its assignee's work; an image without boxes says no objects", () => {
    const result = parseCvat(new Map([['job_4.xml', JOB]]));
    expect(result.problems).toEqual([]);
    expect(result.labels).toEqual([
      {
        file: 'street/0001.jpg',
        where: 'job_4.xml image 1 (street/0001.jpg)',
        annotator: 'ana',
        content: {
          kind: 'boxes',
          boxes: [
            { className: 'car', x1: 10.5, y1: 20, x2: 40.25, y2: 60 },
            // A class named "7" stays a name.
            { className: '7', x1: 100, y1: 0, x2: 200, y2: 100 },
          ],
        },
      },
      { file: 'park.png', where: 'job_4.xml image 2 (park.png)', annotator: 'ana', content: { kind: 'boxes', boxes: [] } },
    ]);
  });

  it('leaves the annotator to the import when the job names no assignee', () => {
    const unassigned = JOB.replace(/<assignee>.*<\/assignee>/, '<assignee></assignee>');
    expect(parseCvat(new Map([['job.xml', unassigned]])).labels[0]!.annotator).toBeUndefined();
  });

  it('reports boxes past the image, rotated boxes and other shapes; an image with only bad shapes is left out', () => {
    const xml = `<annotations><version>1.1</version>
      <image id="0" name="a.jpg" width="200" height="100">
        <box label="car" xtl="10" ytl="10" xbr="250" ybr="50"></box>
        <box label="car" xtl="10" ytl="10" xbr="50" ybr="50" rotation="15"></box>
        <box label="car" xtl="50" ytl="10" xbr="10" ybr="50"></box>
        <box label="car" xtl="0" ytl="0" xbr="20" ybr="20"></box>
      </image>
      <image id="1" name="b.jpg" width="200" height="100">
        <polygon label="car" points="${SECRET}"></polygon>
      </image>
      <image id="2" name="c.jpg" width="-5" height="100"></image>
    </annotations>`;
    const result = parseCvat(new Map([['task.xml', xml]]));
    expect(result.problems).toEqual([
      { where: 'task.xml image 1 (a.jpg), box 1', message: "xbr is past the image's right edge (200)" },
      { where: 'task.xml image 1 (a.jpg), box 2', message: "is rotated (15°); Concord's boxes are upright" },
      { where: 'task.xml image 1 (a.jpg), box 3', message: 'xbr and ybr must be above xtl and ytl' },
      { where: 'task.xml image 2 (b.jpg)', message: 'has 1 polygon shape; Concord imports boxes only' },
      { where: 'task.xml image 2 (b.jpg)', message: 'is left out: none of its 1 shape could be imported' },
      { where: 'task.xml image 3 (c.jpg)', message: 'width: Too small: expected number to be >0' },
    ]);
    expect(result.labels).toEqual([
      { file: 'a.jpg', where: 'task.xml image 1 (a.jpg)', content: { kind: 'boxes', boxes: [{ className: 'car', x1: 0, y1: 0, x2: 20, y2: 20 }] } },
    ]);
    expect(JSON.stringify(result.problems)).not.toContain('wJalr');
  });

  it('reports a file that is not CVAT XML by name and line, never with its text; other files still import', () => {
    const result = parseCvat(
      new Map([
        ['broken.xml', `<annotations>\n<image name="${SECRET}">\n</annotations>`],
        ['voc.xml', '<annotation><filename>a.jpg</filename></annotation>'],
        ['good.xml', '<annotations><image id="0" name="a.jpg" width="4" height="3"/></annotations>'],
      ]),
    );
    expect(result.problems).toEqual([
      { where: 'broken.xml', message: expect.stringMatching(/^is not valid XML \(line \d+, column \d+: /) as string },
      { where: 'voc.xml', message: 'is not a CVAT for images XML file: annotations: expected object, received undefined' },
    ]);
    expect(result.labels.map((l) => l.file)).toEqual(['a.jpg']);
    expect(JSON.stringify(result.problems)).not.toContain('wJalr');
  });
});
