/** The offline mentor: notes from convention findings and golden evidence, without a model. */
export { createOfflineTutor, type OfflineTutor, type OfflineTutorOptions } from './tutor.js';
