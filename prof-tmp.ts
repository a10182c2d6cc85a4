import { openConnection } from './electron/db/connection';
import { submittedForAgreement, samplesWithSubmissions } from './electron/db/queries/agreement-inputs';
import { latestSubmissionTimes } from './electron/db/queries/submission-times';
import { AgreementLedger } from './shared/agreement';
import { bySample } from './shared/agreement/current-answers';
import { SubmissionTimes, packSubmissions } from './shared/quality/submission-times';
import { teamDrift } from './shared/quality/team-drift';
import { serialize, deserialize } from 'node:v8';
const c = openConnection(process.argv[2]!, { readonly: true });
const ledger = new AgreementLedger(process.argv[3] as 'bbox', { iouThreshold: 0.5, normalize: [] , bootstrap: false});
const samples = await samplesWithSubmissions(c.db);
for (let s = 0; s < samples.length; s += 2000) for (const [id, l] of bySample(await submittedForAgreement(c.db, samples.slice(s, s + 2000)))) ledger.setSample(id, l);
const times = SubmissionTimes.unpack(packSubmissions(await latestSubmissionTimes(c.db)));
const t = (name: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(name, (performance.now() - s).toFixed(0), 'ms'); return r; };
for (let i = 0; i < 2; i++) {
  const ps = t('pairScores', () => ledger.pairScores()) as any;
  const list = t('list', () => times.list()) as any;
  const r = t('teamDrift', () => teamDrift(ps, list)) as any;
  const ser = t('serialize', () => serialize(r)) as Buffer;
  console.log('bytes', ser.length, 'points', r.reduce((n: number, l: any) => n + l.report.points.length, 0), 'flagged samples', r.map((l: any) => l.report.flag?.samples.length ?? 0), 'byCount', r[0].report.byCount.length);
  t('deserialize', () => deserialize(ser));
  t('JSON', () => JSON.stringify(r).length);
}
await c.close();
