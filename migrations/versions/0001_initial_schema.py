"""Initial schema: sources, articles, sentences, claims, values, entities, topics, findings.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 12:58:23.228187
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('key', 'label', name=op.f('uq_entities_key'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('name', name=op.f('uq_sources_name'))
    )
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('slug', name=op.f('uq_topics_slug'))
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=1024), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_articles_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('source_id', 'content_hash', name=op.f('uq_articles_source_id')),
    sa.UniqueConstraint('path', name=op.f('uq_articles_path'))
    )
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_articles_source_id'), ['source_id'], unique=False)

    op.create_table('sentences',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_sentences_article_id_articles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sentences')),
    sa.UniqueConstraint('article_id', 'position', name=op.f('uq_sentences_article_id'))
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('sentence_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('certainty', sa.String(length=16), nullable=False),
    sa.Column('certainty_cue', sa.Text(), nullable=True),
    sa.Column('attributed_to', sa.Text(), nullable=True),
    sa.Column('lemmas', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_claims_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], name=op.f('fk_claims_sentence_id_sentences'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_article_id_start', ['article_id', 'start'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_certainty'), ['certainty'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_fingerprint'), ['fingerprint'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_sentence_id'), ['sentence_id'], unique=False)

    op.create_table('claim_topics',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('cues', sa.Text(), nullable=False),
    sa.Column('certainty', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_topics_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_claim_topics_topic_id_topics'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('claim_id', 'topic_id', name=op.f('pk_claim_topics'))
    )
    with op.batch_alter_table('claim_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_topics_topic_id'), ['topic_id'], unique=False)

    op.create_table('claim_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('low', sa.Float(), nullable=True),
    sa.Column('high', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('anchor', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_claim_values_claim_id_claims'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_values'))
    )
    with op.batch_alter_table('claim_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_values_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_values_kind'), ['kind'], unique=False)

    op.create_table('entity_mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_entity_mentions_article_id_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_entity_mentions_claim_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_mentions_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_mentions'))
    )
    with op.batch_alter_table('entity_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_mentions_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_mentions_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entity_mentions_entity_id'), ['entity_id'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=True),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('claim_a_id', sa.Integer(), nullable=False),
    sa.Column('claim_b_id', sa.Integer(), nullable=False),
    sa.Column('value_a_id', sa.Integer(), nullable=True),
    sa.Column('value_b_id', sa.Integer(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('fingerprint', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['claim_a_id'], ['claims.id'], name=op.f('fk_findings_claim_a_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['claim_b_id'], ['claims.id'], name=op.f('fk_findings_claim_b_id_claims'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_findings_topic_id_topics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['value_a_id'], ['claim_values.id'], name=op.f('fk_findings_value_a_id_claim_values'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['value_b_id'], ['claim_values.id'], name=op.f('fk_findings_value_b_id_claim_values'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_findings')),
    sa.UniqueConstraint('fingerprint', name=op.f('uq_findings_fingerprint'))
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_claim_a_id'), ['claim_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_claim_b_id'), ['claim_b_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_topic_id'), ['topic_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_topic_id'))
        batch_op.drop_index(batch_op.f('ix_findings_claim_b_id'))
        batch_op.drop_index(batch_op.f('ix_findings_claim_a_id'))

    op.drop_table('findings')
    with op.batch_alter_table('entity_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_mentions_entity_id'))
        batch_op.drop_index(batch_op.f('ix_entity_mentions_claim_id'))
        batch_op.drop_index(batch_op.f('ix_entity_mentions_article_id'))

    op.drop_table('entity_mentions')
    with op.batch_alter_table('claim_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_values_kind'))
        batch_op.drop_index(batch_op.f('ix_claim_values_claim_id'))

    op.drop_table('claim_values')
    with op.batch_alter_table('claim_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_topics_topic_id'))

    op.drop_table('claim_topics')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_sentence_id'))
        batch_op.drop_index(batch_op.f('ix_claims_fingerprint'))
        batch_op.drop_index(batch_op.f('ix_claims_certainty'))
        batch_op.drop_index('ix_claims_article_id_start')

    op.drop_table('claims')
    op.drop_table('sentences')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_articles_source_id'))

    op.drop_table('articles')
    op.drop_table('topics')
    op.drop_table('sources')
    op.drop_table('entities')
