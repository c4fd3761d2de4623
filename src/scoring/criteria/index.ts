export { computeCriteria, finalizeValues } from './compute.js';
export { appointThirdExpert } from './appointment.js';
export type { AppointmentInput, AppointmentResult } from './appointment.js';
export { formatCriteriaLine, formatExplanation } from './format.js';
export { tallyCodes } from './counts.js';
export type { Tally } from './counts.js';
export { CriteriaError, OFFICIAL_MESSAGES } from './errors.js';
export type { CriteriaErrorCode, CriteriaErrorContext } from './errors.js';
export { SUBJECTS, SUBJECT_MAX, SUBJECT_CRITERIA_COUNT, isSubject } from './types.js';
export type {
  Categories,
  CriteriaExplanation,
  CriteriaInput,
  CriteriaOptions,
  CriteriaResult,
  CriteriaSelectionInput,
  CriteriaValues,
  DetailValue,
  Subject,
} from './types.js';
