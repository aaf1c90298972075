/** Which review runs when: one at a time, newer saves superseding older reviews of the same file. */
export { createReviewScheduler, type ReviewScheduler, type ReviewTarget, type RunReview } from './review-scheduler.js';
