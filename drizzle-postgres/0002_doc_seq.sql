DROP INDEX "doc_updates_agenda_seq_idx";--> statement-breakpoint
ALTER TABLE "doc_updates" DROP CONSTRAINT "doc_updates_pkey";--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "seq" DROP IDENTITY;--> statement-breakpoint
ALTER TABLE "doc_updates" ADD CONSTRAINT "doc_updates_agenda_id_seq_pk" PRIMARY KEY("agenda_id","seq");
