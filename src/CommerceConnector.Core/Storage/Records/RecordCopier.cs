using System.Reflection;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>Marks a type of registry.json's schema: its properties are what <see cref="RecordCopier"/> copies.</summary>
    internal interface IStorageRecord
    {
    }

    /// <summary>
    /// Copies a storage record to its domain object and back, property by property of the same name: the record's
    /// properties are the schema, and each must have a counterpart of the same type (or a list of records ↔ a list of
    /// their domain objects) on the domain type, or the copier refuses to be built. Domain-only properties (computed
    /// ones, what commands add to their output) are left alone.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than a mapping library: the whole need is same-name copies between nine pairs of types, and
    /// a dependency loaded into every PowerShell session (Windows PowerShell 5.1 included) costs more than these lines.
    /// Each property is copied through typed open-instance delegates made once per pair, so a copy costs about what
    /// hand-written assignments cost, and building them needs no expression compiler at start-up.
    /// </remarks>
    internal static class RecordCopier
    {
        // The record side of a copy is the type that implements IStorageRecord; the other one is the domain type.

        /// <summary>A new <typeparamref name="TTo"/> with the record properties of <paramref name="from"/>; null stays null.</summary>
        [return: NotNullIfNotNull("from")]
        public static TTo? Copy<TFrom, TTo>(TFrom? from)
            where TFrom : class
            where TTo : class, new() => Plan<TFrom, TTo>.Copy(from);

        /// <summary>The elements of <paramref name="items"/> copied one by one; a null list and null elements stay null.</summary>
        [return: NotNullIfNotNull("items")]
        public static List<TTo>? CopyAll<TFrom, TTo>(List<TFrom>? items)
            where TFrom : class
            where TTo : class, new()
        {
            if (items == null)
            {
                return null;
            }
            var copies = new List<TTo>(items.Count);
            foreach (TFrom item in items)
            {
                copies.Add(Plan<TFrom, TTo>.Copy(item));
            }
            return copies;
        }

        private interface IPropertyCopy
        {
            void Copy(object from, object to);
        }

        private static class Plan<TFrom, TTo>
            where TFrom : class
            where TTo : class, new()
        {
            private static readonly IPropertyCopy[] Properties = Build();

            [return: NotNullIfNotNull("from")]
            public static TTo? Copy(TFrom? from)
            {
                if (from == null)
                {
                    return null;
                }
                var to = new TTo();
                foreach (var property in Properties)
                {
                    property.Copy(from, to);
                }
                return to;
            }

            private static IPropertyCopy[] Build()
            {
                Type record = typeof(IStorageRecord).IsAssignableFrom(typeof(TFrom)) ? typeof(TFrom) : typeof(TTo);
                var copies = new List<IPropertyCopy>();
                foreach (PropertyInfo schema in record.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    PropertyInfo source = typeof(TFrom).GetProperty(schema.Name, BindingFlags.Public | BindingFlags.Instance);
                    PropertyInfo target = typeof(TTo).GetProperty(schema.Name, BindingFlags.Public | BindingFlags.Instance);
                    if (source?.GetGetMethod() == null || target?.GetSetMethod() == null)
                    {
                        throw new InvalidOperationException($"{record.Name}.{schema.Name} has no readable and writable counterpart in {typeof(TFrom).Name} → {typeof(TTo).Name}.");
                    }
                    copies.Add(PropertyCopy(source, target));
                }
                return copies.ToArray();
            }

            private static IPropertyCopy PropertyCopy(PropertyInfo source, PropertyInfo target)
            {
                if (source.PropertyType == target.PropertyType)
                {
                    return (IPropertyCopy)Activator.CreateInstance(
                        typeof(ValueCopy<,,>).MakeGenericType(typeof(TFrom), typeof(TTo), source.PropertyType), source.GetGetMethod(), target.GetSetMethod());
                }
                if (IsList(source.PropertyType) && IsList(target.PropertyType))
                {
                    return (IPropertyCopy)Activator.CreateInstance(
                        typeof(ListCopy<,,,>).MakeGenericType(typeof(TFrom), typeof(TTo), source.PropertyType.GetGenericArguments()[0], target.PropertyType.GetGenericArguments()[0]),
                        source.GetGetMethod(), target.GetSetMethod());
                }
                throw new InvalidOperationException($"{typeof(TFrom).Name}.{source.Name} ({source.PropertyType.Name}) cannot be copied to {typeof(TTo).Name}.{target.Name} ({target.PropertyType.Name}).");
            }

            private static bool IsList(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>);
        }

        private sealed class ValueCopy<TFrom, TTo, TValue> : IPropertyCopy
        {
            private readonly Func<TFrom, TValue> _get;
            private readonly Action<TTo, TValue> _set;

            public ValueCopy(MethodInfo get, MethodInfo set)
            {
                _get = (Func<TFrom, TValue>)Delegate.CreateDelegate(typeof(Func<TFrom, TValue>), get);
                _set = (Action<TTo, TValue>)Delegate.CreateDelegate(typeof(Action<TTo, TValue>), set);
            }

            public void Copy(object from, object to) => _set((TTo)to, _get((TFrom)from));
        }

        private sealed class ListCopy<TFrom, TTo, TFromItem, TToItem> : IPropertyCopy
            where TFromItem : class
            where TToItem : class, new()
        {
            private static readonly bool ToRecord = typeof(IStorageRecord).IsAssignableFrom(typeof(TToItem));
            private readonly Func<TFrom, List<TFromItem>> _get;
            private readonly Action<TTo, List<TToItem>> _set;

            public ListCopy(MethodInfo get, MethodInfo set)
            {
                _get = (Func<TFrom, List<TFromItem>>)Delegate.CreateDelegate(typeof(Func<TFrom, List<TFromItem>>), get);
                _set = (Action<TTo, List<TToItem>>)Delegate.CreateDelegate(typeof(Action<TTo, List<TToItem>>), set);
            }

            // Toward a record a missing list becomes an empty one, as reading the file gives (the record's initializer), so
            // records kept in memory after a write are exactly what parsing the written bytes returns.
            public void Copy(object from, object to) => _set((TTo)to, CopyAll<TFromItem, TToItem>(_get((TFrom)from)) ?? (ToRecord ? new List<TToItem>() : null!));
        }
    }
}
