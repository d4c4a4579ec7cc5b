// @ts-check

/**
 * One row per refresh and scope (fleet, environment, cluster): the capacity and the
 * Spot/Graviton mix that the trend charts plot over 30 days.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('insight_snapshots', table => {
    table.bigIncrements('id').primary();
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table
      .string('scope', 512)
      .notNullable()
      .comment("'fleet', 'environment:<name>' or 'cluster:<arn>'");
    table.boolean('sample').notNullable().defaultTo(false);
    table.integer('nodes').notNullable();
    table.double('vcpu').notNullable();
    table.double('requested_vcpu').nullable();
    table.double('spot_arm64_vcpu').notNullable();
    table.double('spot_x86_64_vcpu').notNullable();
    table.double('on_demand_arm64_vcpu').notNullable();
    table.double('on_demand_x86_64_vcpu').notNullable();
    table.double('usd_per_hour').notNullable();
    table.double('on_demand_x86_usd_per_hour').notNullable();
    table.index(['scope', 'taken_at'], 'insight_snapshots_scope_taken_at_idx');
    table.index(['taken_at'], 'insight_snapshots_taken_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('insight_snapshots');
};
