import { defineEditor } from '../editor-definition';
import { TranscriptLabeler } from './TranscriptLabeler';

/** Transcripts of audio: the registry's entry for `transcript` projects. */
export const transcriptEditor = defineEditor('transcript', TranscriptLabeler);
