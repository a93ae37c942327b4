import { Schema, model, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const REPORT_KINDS = ['complaint-monthly', 'inquiry-monthly'] as const;

/** A report kept as a document (the monthly complaint analysis): its figures as generated, to open and download. */
const reportDocumentSchema = new Schema(
  {
    /** `<kind>:<period>`: one document per report and month (regenerating replaces it). */
    key: { type: String, required: true },
    kind: { type: String, enum: REPORT_KINDS, required: true },
    period: { type: String, required: true, match: /^\d{4}-(0[1-9]|1[0-2])$/ },
    generatedAt: { type: Date, required: true },
    generatedBy: { type: { type: String }, id: Schema.Types.ObjectId, name: String },
    revision: { type: Number, default: 1 },
    data: { type: Schema.Types.Mixed, required: true },
  },
  { timestamps: true, minimize: false },
);
reportDocumentSchema.index({ key: 1 }, { unique: true });

export type ReportDocumentFields = InferSchemaType<typeof reportDocumentSchema>;
export type ReportDocumentDoc = HydratedDocument<ReportDocumentFields>;
export const ReportDocument = model('ReportDocument', reportDocumentSchema);
