{#-
    on-run-end hook: dbt itself only says "Got 3 results" for a failing test.
    A user who edited a seed needs the rows: which table, which total, which
    figure. Print up to 10 failing rows of every failed data test.
-#}
{% macro report_test_failures(results) %}
    {%- if execute -%}
        {%- for result in results
            if result.node.resource_type == 'test' and result.status in ['fail', 'warn'] -%}
            {%- set failing = run_query(
                'select * from (' ~ result.node.compiled_code ~ ') as failing_rows limit 10'
            ) -%}
            {{ log('', info=True) }}
            {{ log(('WARNING ' if result.status == 'warn' else 'FAILED ') ~ result.node.name
                ~ ' (' ~ result.failures ~ ' failing row(s)):', info=True) }}
            {%- for row in failing.rows -%}
                {%- set cells = [] -%}
                {%- for column_name in failing.column_names -%}
                    {%- do cells.append(column_name ~ '=' ~ row[column_name]) -%}
                {%- endfor -%}
                {{ log('    ' ~ cells | join(', '), info=True) }}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
